package dev.rapport.query.customer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code customer_view}. */
@Repository
class CustomerViews {

    private static final String COLUMNS = """
            customer_id, display_name, customer_type, email, phone, preferred_channel, locale, region, date_of_birth,
            industry, company_size, tags, registered_at, updated_at""";

    private final JdbcClient jdbc;

    CustomerViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CustomerView> find(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_view WHERE customer_id = ?")
                .param(customerId)
                .query(CustomerViews::map)
                .optional();
    }

    List<CustomerView> page(int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_view ORDER BY registered_at, customer_id LIMIT ? OFFSET ?")
                .param(size)
                .param((long) page * size)
                .query(CustomerViews::map)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single();
    }

    private static CustomerView map(ResultSet rs, int row) throws SQLException {
        var dob = rs.getDate("date_of_birth");
        return new CustomerView(
                rs.getString("customer_id"),
                rs.getString("display_name"),
                rs.getString("customer_type"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("preferred_channel"),
                rs.getString("locale"),
                rs.getString("region"),
                dob == null ? null : dob.toLocalDate(),
                rs.getString("industry"),
                (Integer) rs.getObject("company_size"),
                strings(rs.getArray("tags")),
                rs.getTimestamp("registered_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

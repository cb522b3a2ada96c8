package dev.rapport.query.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads of {@code customer_view}: one customer with live 12-month figures, or a filtered, keyset-paged list. */
@Repository
class CustomerViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHURN_MODEL = " LEFT JOIN churn_model_score s ON s.customer_id = v.customer_id";

    private final JdbcClient jdbc;
    private final boolean withChurnModel;
    private final String columns;
    private final String from;

    @Autowired
    CustomerViews(JdbcClient jdbc) {
        this(jdbc, true);
    }

    private CustomerViews(JdbcClient jdbc, boolean withChurnModel) {
        this.jdbc = jdbc;
        this.withChurnModel = withChurnModel;
        this.columns = withChurnModel ? "v.*, s.p_alive, s.expected_4w, s.expected_13w, s.expected_52w, s.repeat_purchases AS model_x, "
                + "s.model_version, s.as_of AS model_as_of" : "v.*";
        this.from = withChurnModel ? " FROM customer_view v" + CHURN_MODEL : " FROM customer_view v";
    }

    /**
     * Without the churn model's score: for the customer as of a past instant, which the current score (computed as of
     * its evaluation) does not describe.
     */
    static CustomerViews withoutChurnModel(JdbcClient jdbc) {
        return new CustomerViews(jdbc, false);
    }

    Optional<CustomerView> find(String customerId) {
        return find(customerId, null);
    }

    /** The customer, with the 12-month figures computed as of {@code now} (when given) from the purchases. */
    Optional<CustomerView> find(String customerId, Instant now) {
        String window = now == null ? "v.purchases_12m AS live_purchases_12m, v.net_spend_12m AS live_net_spend_12m" : """
                (SELECT count(*) FROM customer_purchase p WHERE p.customer_id = v.customer_id AND p.occurred_at > :since) AS live_purchases_12m,
                (SELECT coalesce(sum(p.amount - p.refunded), 0) FROM customer_purchase p
                  WHERE p.customer_id = v.customer_id AND p.occurred_at > :since) AS live_net_spend_12m""";
        var statement = jdbc.sql("SELECT " + columns + ", " + window + from + " WHERE v.customer_id = :id")
                .param("id", customerId);
        if (now != null) {
            statement = statement.param("since", Timestamp.from(now.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant()));
        }
        return statement.query(this::map).optional();
    }

    List<CustomerView> list(CustomerFilter filter, CustomerSort sort, CustomerCursor after, int size) {
        ListStatement statement = listStatement(filter, sort, after, size);
        return jdbc.sql(statement.sql()).params(statement.params()).query(this::map).list();
    }

    /** The list's SQL and its named parameters, page size included. */
    ListStatement listStatement(CustomerFilter filter, CustomerSort sort, CustomerCursor after, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        filter.appendTo(conditions, params);
        if (after != null) {
            conditions.add(sort.after());
            params.put("cursorValue", sort.cursorValue(after.value()));
            params.put("cursorId", after.customerId());
        }
        params.put("size", size);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new ListStatement("SELECT " + columns + ", v.purchases_12m AS live_purchases_12m, v.net_spend_12m AS live_net_spend_12m"
                + from + where + " ORDER BY " + sort.orderBy() + " LIMIT :size", params);
    }

    record ListStatement(String sql, Map<String, Object> params) {
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single();
    }

    private CustomerView map(ResultSet rs, int row) throws SQLException {
        var dob = rs.getDate("date_of_birth");
        int purchases = rs.getInt("purchase_count");
        BigDecimal net = rs.getBigDecimal("net_spend");
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
                instant(rs, "registered_at"),
                instant(rs, "updated_at"),
                new CustomerView.Relationship(rs.getString("status"), rs.getString("closure_reason"), instant(rs, "closed_at"),
                        rs.getBoolean("partner"), rs.getString("account_manager_id"), rs.getInt("referrals"),
                        JSON.readValue(rs.getString("consents"), new TypeReference<Map<String, Boolean>>() { }),
                        JSON.readValue(rs.getString("preferences"), new TypeReference<Map<String, String>>() { })),
                new CustomerView.Purchases(instant(rs, "first_purchase_at"), instant(rs, "last_purchase_at"), purchases,
                        money(rs.getBigDecimal("gross_spend")), money(rs.getBigDecimal("refunded")), money(net),
                        purchases == 0 ? null : net.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_EVEN),
                        rs.getInt("live_purchases_12m"), money(rs.getBigDecimal("live_net_spend_12m"))),
                new CustomerView.Service(rs.getInt("open_complaints"), instant(rs, "last_interaction_at"),
                        rs.getString("last_interaction_channel"), rs.getString("last_interaction_by"),
                        (Integer) nullableInt(rs, "last_satisfaction"), instant(rs, "last_satisfaction_at")),
                new CustomerView.Loyalty(rs.getString("membership_id"), rs.getString("loyalty_tier"),
                        (Long) rs.getObject("points_balance")),
                new CustomerView.Segments(rs.getString("ladder_stage"), rs.getString("lifecycle_stage"), rs.getString("churn_level"),
                        rs.getString("rfm_segment"), nullableInt(rs, "r_score"), nullableInt(rs, "f_score"),
                        nullableInt(rs, "m_score"), rs.getString("abc_class"), rs.getString("value_class"),
                        instant(rs, "segments_as_of")),
                churnModel(rs));
    }

    private CustomerView.ChurnModel churnModel(ResultSet rs) throws SQLException {
        if (!withChurnModel || rs.getObject("p_alive") == null) {
            return null;
        }
        return new CustomerView.ChurnModel(rs.getDouble("p_alive"), rs.getDouble("expected_4w"), rs.getDouble("expected_13w"),
                rs.getDouble("expected_52w"), rs.getInt("model_x"), rs.getLong("model_version"), rs.getDate("model_as_of").toLocalDate());
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

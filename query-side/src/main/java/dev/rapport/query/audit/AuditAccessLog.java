package dev.rapport.query.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.platform.web.CommandMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records every audit read (who, when, which customer, what) and lets an auditor read those records back. */
@Component
class AuditAccessLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditAccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(HttpServletRequest request, String customerId, String action) {
        String actor = (String) CommandMetadata.from(request).get(CommandMetadata.ACTOR);
        String query = request.getQueryString();
        jdbc.sql("INSERT INTO audit_access_log (accessed_at, actor, customer_id, action, query) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, customerId, action,
                        query == null ? null : query.substring(0, Math.min(query.length(), 1000)))
                .update();
    }

    List<Access> read(String customerId, String actor, Long beforeId, int size) {
        List<String> conditions = new ArrayList<>();
        var statement = new StringBuilder("SELECT id, accessed_at, actor, customer_id, action, query FROM audit_access_log");
        if (customerId != null) {
            conditions.add("customer_id = :customer");
        }
        if (actor != null) {
            conditions.add("actor = :actor");
        }
        if (beforeId != null) {
            conditions.add("id < :before");
        }
        if (!conditions.isEmpty()) {
            statement.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        var sql = jdbc.sql(statement.append(" ORDER BY id DESC LIMIT :size").toString()).param("size", size);
        if (customerId != null) {
            sql = sql.param("customer", customerId);
        }
        if (actor != null) {
            sql = sql.param("actor", actor);
        }
        if (beforeId != null) {
            sql = sql.param("before", beforeId);
        }
        return sql.query((rs, row) -> new Access(rs.getLong("id"), rs.getTimestamp("accessed_at").toInstant(), rs.getString("actor"),
                rs.getString("customer_id"), rs.getString("action"), rs.getString("query"))).list();
    }

    /** One recorded audit read. */
    record Access(long id, Instant accessedAt, String actor, String customerId, String action, String query) {
    }
}

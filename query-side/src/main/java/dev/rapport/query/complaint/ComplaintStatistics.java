package dev.rapport.query.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Complaint statistics computed by the database in one pass over {@code complaint_view}: one
 * {@code GROUPING SETS} query yields the overall figures, those per category and those per month of filing.
 */
@Repository
class ComplaintStatistics {

    private static final String RESOLVED = "state IN ('RESOLVED', 'CLOSED')";
    private static final String OPEN = "state IN (" + ComplaintState.OPEN_SQL + ")";

    private static final String OPEN_BY_SEVERITY = Arrays.stream(Severity.values())
            .map(s -> "count(*) FILTER (WHERE " + OPEN + " AND severity = '" + s.name() + "') AS open_" + column(s))
            .collect(Collectors.joining(",\n"));

    private static final String BREACHES = Arrays.stream(SlaDeadline.values())
            .map(d -> "coalesce(sum(" + column(d) + "_breaches), 0) AS " + column(d) + "_breaches")
            .collect(Collectors.joining(",\n"));

    private static final String QUERY = """
            WITH scope AS (
                SELECT category, to_char(filed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, severity, state, breaches,
                       acknowledge_breaches, resolve_breaches, follow_up_breaches, recovered,
                       extract(EPOCH FROM acknowledged_at - filed_at) / 3600 AS hours_to_acknowledge,
                       CASE WHEN %1$s THEN extract(EPOCH FROM resolved_at - filed_at) / 3600 END AS hours_to_resolve
                FROM complaint_view
                WHERE %2$s
            ), grouped AS (
                SELECT GROUPING(category) = 0 AS by_category, GROUPING(month) = 0 AS by_month, category, month,
                       count(*) AS complaints,
                       count(*) FILTER (WHERE %3$s) AS open,
                       %4$s,
                       %5$s,
                       count(*) FILTER (WHERE %1$s) AS resolved,
                       count(*) FILTER (WHERE %1$s AND breaches = 0) AS resolved_without_breach,
                       avg(hours_to_acknowledge) AS hours_to_acknowledge,
                       avg(hours_to_resolve) AS hours_to_resolve,
                       count(*) FILTER (WHERE state = 'CLOSED') AS closed,
                       count(*) FILTER (WHERE recovered) AS recovered
                FROM scope
                GROUP BY GROUPING SETS ((), (category), (month))
            )
            SELECT *,
                   round(100.0 * resolved_without_breach / NULLIF(resolved, 0), 1) AS sla_compliance_percent,
                   round(100.0 * recovered / NULLIF(closed, 0), 1) AS recovered_percent,
                   round(hours_to_acknowledge, 2) AS mean_hours_to_acknowledge,
                   round(hours_to_resolve, 2) AS mean_hours_to_resolve
            FROM grouped
            ORDER BY by_category, by_month, category, month""";

    private final JdbcClient jdbc;

    ComplaintStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Statistics over the complaints filed from {@code from} to {@code to}, both days included (UTC); null is open-ended. */
    ComplaintStats over(LocalDate from, LocalDate to) {
        List<String> conditions = new ArrayList<>(List.of("TRUE"));
        Map<String, Object> params = new HashMap<>();
        if (from != null) {
            conditions.add("filed_at >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (to != null) {
            conditions.add("filed_at < :to");
            params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        String sql = QUERY.formatted(RESOLVED, String.join(" AND ", conditions), OPEN, OPEN_BY_SEVERITY, BREACHES);

        OverallRow overall = new OverallRow();
        List<ComplaintStats.CategoryFigures> byCategory = new ArrayList<>();
        List<ComplaintStats.MonthFigures> byMonth = new ArrayList<>();
        jdbc.sql(sql).params(params).query(rs -> {
            ComplaintStats.Figures figures = figures(rs);
            if (rs.getBoolean("by_category")) {
                byCategory.add(new ComplaintStats.CategoryFigures(ComplaintCategory.valueOf(rs.getString("category")), figures));
            } else if (rs.getBoolean("by_month")) {
                byMonth.add(new ComplaintStats.MonthFigures(rs.getString("month"), figures));
            } else {
                overall.value = figures;
            }
        });
        return new ComplaintStats(from, to, overall.value != null ? overall.value : none(), byCategory, byMonth);
    }

    private static ComplaintStats.Figures figures(ResultSet rs) throws SQLException {
        Map<Severity, Long> openBySeverity = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            openBySeverity.put(severity, rs.getLong("open_" + column(severity)));
        }
        Map<SlaDeadline, Long> breaches = new LinkedHashMap<>();
        for (SlaDeadline deadline : SlaDeadline.values()) {
            breaches.put(deadline, rs.getLong(column(deadline) + "_breaches"));
        }
        return new ComplaintStats.Figures(rs.getLong("complaints"), rs.getLong("open"), openBySeverity, breaches,
                rs.getLong("resolved"), rs.getBigDecimal("sla_compliance_percent"), rs.getBigDecimal("mean_hours_to_acknowledge"),
                rs.getBigDecimal("mean_hours_to_resolve"), rs.getLong("closed"), rs.getLong("recovered"),
                rs.getBigDecimal("recovered_percent"));
    }

    /** The figures of no complaints at all. */
    private static ComplaintStats.Figures none() {
        Map<Severity, Long> openBySeverity = new LinkedHashMap<>();
        Arrays.stream(Severity.values()).forEach(s -> openBySeverity.put(s, 0L));
        Map<SlaDeadline, Long> breaches = new LinkedHashMap<>();
        Arrays.stream(SlaDeadline.values()).forEach(d -> breaches.put(d, 0L));
        return new ComplaintStats.Figures(0, 0, openBySeverity, breaches, 0, null, null, null, 0, 0, null);
    }

    private static String column(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Holds the overall row while the result set is read. */
    private static final class OverallRow {
        private ComplaintStats.Figures value;
    }
}

package dev.rapport.query.complaint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;

/**
 * Complaint statistics over the complaints filed in a period, overall, per category and per month of filing.
 *
 * @param from first day of filing counted (UTC), null for no lower bound
 * @param to   last day of filing counted (UTC), null for no upper bound
 */
public record ComplaintStats(LocalDate from, LocalDate to, Figures overall, List<CategoryFigures> byCategory,
                             List<MonthFigures> byMonth) {

    /**
     * The figures of one group of complaints.
     *
     * @param complaints             complaints filed
     * @param open                   of these, waiting for a resolution (filed, acknowledged, assigned, escalated, reopened)
     * @param openBySeverity         the open ones per severity
     * @param slaBreaches            missed deadlines per kind
     * @param resolved               resolved now (resolved or closed)
     * @param slaCompliancePercent   of the resolved, the share without any missed deadline; null when none is resolved
     * @param meanHoursToAcknowledge filing to acknowledgement, over the acknowledged ones; null when none is
     * @param meanHoursToResolve     filing to the latest resolution, over the resolved ones; null when none is
     * @param closed                 closed
     * @param recovered              closed with satisfaction 4 or 5 after resolutions all within SLA
     * @param recoveredPercent       of the closed, the share recovered; null when none is closed
     */
    public record Figures(long complaints, long open, Map<Severity, Long> openBySeverity, Map<SlaDeadline, Long> slaBreaches,
                          long resolved, BigDecimal slaCompliancePercent, BigDecimal meanHoursToAcknowledge,
                          BigDecimal meanHoursToResolve, long closed, long recovered, BigDecimal recoveredPercent) {
    }

    public record CategoryFigures(ComplaintCategory category, Figures figures) {
    }

    /** @param month the month of filing, {@code yyyy-MM} in UTC */
    public record MonthFigures(String month, Figures figures) {
    }
}

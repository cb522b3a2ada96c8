package dev.rapport.query.complaint;

import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import java.time.LocalDate;
import java.util.List;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.platform.web.NotFound;
import dev.rapport.query.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/complaints")
@Tag(name = "Complaint queries", description = "Complaints, their SLA record and statistics")
@ReadsFrom(Projections.COMPLAINT_VIEW)
class ComplaintQueryController {

    private final ComplaintViews views;
    private final ComplaintStatistics statistics;

    ComplaintQueryController(ComplaintViews views, ComplaintStatistics statistics) {
        this.views = views;
        this.statistics = statistics;
    }

    @GetMapping("/{complaintId}")
    @Operation(summary = "One complaint with its deadlines, breaches and outcome",
            description = "404 when no such complaint has been projected.")
    ComplaintView get(@PathVariable String complaintId) {
        return views.find(complaintId).orElseThrow(() -> new NotFound("Complaint", complaintId));
    }

    @GetMapping
    @Operation(summary = "Complaints, newest filing first, page by page",
            description = "Filters combine with AND. Pass a page's `next` as `cursor` for the following page; `next` is "
                    + "null on the last page.")
    ComplaintPage list(@RequestParam(required = false) @Size(max = 64) String customerId,
                       @RequestParam(required = false) ComplaintState state,
                       @RequestParam(required = false) Severity severity,
                       @RequestParam(required = false) ComplaintCategory category,
                       @Parameter(description = "a previous page's `next`")
                       @RequestParam(required = false) @Size(max = 400) String cursor,
                       @Parameter(description = "page size, 1 to 200")
                       @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        ComplaintCursor position = cursor == null || cursor.isBlank() ? null : ComplaintCursor.decode("cursor", cursor);
        List<ComplaintView> rows = views.page(new ComplaintFilter(customerId, state, severity, category), position, size + 1);
        boolean more = rows.size() > size;
        List<ComplaintView> items = more ? rows.subList(0, size) : rows;
        return new ComplaintPage(items, more ? ComplaintCursor.of(items.get(items.size() - 1)).encode() : null);
    }

    @GetMapping("/stats")
    @Operation(summary = "Complaint statistics, overall, per category and per month of filing",
            description = "Over the complaints filed from `from` to `to`, both days included, in UTC; either may be "
                    + "left out. Open means waiting for a resolution. SLA compliance: the share of resolved (or closed) "
                    + "complaints that never missed a deadline. Recovered: the share of closed complaints rated 4 or 5 "
                    + "whose every resolution met its deadline. Mean times are in hours, from filing.")
    ComplaintStats stats(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidQuery("to", "must not be before from (" + from + ")");
        }
        return statistics.over(from, to);
    }

    /**
     * One page of complaints.
     *
     * @param items the complaints, newest filing first
     * @param next  the {@code cursor} value for the next page, null when this is the last
     */
    record ComplaintPage(List<ComplaintView> items, String next) {
    }
}

package dev.rapport.query.timeline;

import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.rapport.query.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer timeline", description = "Every event of a customer as a human-readable line")
@ReadsFrom(Projections.CUSTOMER_TIMELINE)
class TimelineQueryController {

    private final TimelineViews views;

    TimelineQueryController(TimelineViews views) {
        this.views = views;
    }

    @GetMapping("/{customerId}/timeline")
    @Operation(summary = "A customer's timeline, newest first, page by page",
            description = "Ordered by position in the event log, newest first. Pass a page's `next` as `before` to get the "
                    + "page after it; `next` is null on the last page. A customer without events (or an unknown id) has an "
                    + "empty timeline, not a 404: the timeline is a query over the log.")
    TimelinePage timeline(@PathVariable String customerId,
                          @Parameter(description = "only entries older than this position (a previous page's `next`)")
                          @RequestParam(required = false) @Min(0) Long before,
                          @Parameter(description = "page size, 1 to 200")
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
                          @Parameter(description = "only these event types, comma-separated, e.g. `SaleRecorded,ComplaintFiled`")
                          @RequestParam(required = false) @Size(max = 100) List<@Size(max = 200) String> types) {
        List<TimelineEntry> rows = views.page(customerId, before, eventTypes(types), size + 1);
        boolean more = rows.size() > size;
        List<TimelineEntry> items = more ? rows.subList(0, size) : rows;
        return new TimelinePage(items, more ? items.get(items.size() - 1).position() : null);
    }

    private static Set<String> eventTypes(List<String> requested) {
        Set<String> types = new LinkedHashSet<>();
        if (requested != null) {
            requested.stream().map(String::strip).filter(type -> !type.isEmpty()).forEach(types::add);
        }
        Set<String> unknown = new TreeSet<>(types);
        unknown.removeAll(TimelineEntries.eventTypes());
        if (!unknown.isEmpty()) {
            throw new InvalidQuery("types", "unknown event type(s): " + String.join(", ", unknown));
        }
        return types;
    }

    /**
     * One page of a timeline.
     *
     * @param items the entries, newest first
     * @param next  the {@code before} value for the next (older) page, null when this is the last
     */
    record TimelinePage(List<TimelineEntry> items, Long next) {
    }
}

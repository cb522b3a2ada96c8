package dev.rapport.query.churn;

import java.util.List;

import dev.rapport.platform.web.NotFound;
import dev.rapport.query.InvalidQuery;
import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Churn alerts", description = "Churn early warning (客户流失预警): each alert has the highest level of its reasons "
        + "(OVERDUE, SPEND_DROP, COMPLAINT, LOW_SATISFACTION, TIER_DOWNGRADE, UNREACHABLE, LOW_P_ALIVE), each reason a "
        + "suggested retention action. Event-driven reasons follow the event log; OVERDUE, SPEND_DROP and LOW_P_ALIVE (the "
        + "BG/NBD churn model) are found by a scheduled "
        + "evaluation (every 15 minutes by default). Send a command's X-Consistency-Token back (header or ?after=) to "
        + "read your own writes.")
@ReadsFrom(Projections.CHURN_ALERTS)
class ChurnAlertController {

    private final ChurnAlertViews views;
    private final ChurnAlertStream stream;

    ChurnAlertController(ChurnAlertViews views, ChurnAlertStream stream) {
        this.views = views;
        this.stream = stream;
    }

    @GetMapping("/api/churn-alerts")
    @Operation(summary = "Churn alerts, highest level first, then the longest-standing, page by page",
            description = "Keyset pagination: pass the previous page's nextCursor as cursor. A cursor stays valid while "
                    + "alerts change; an alert whose level or raised time changed meanwhile may move across pages.")
    ChurnAlertPage list(
            @Parameter(description = "only alerts at this level or higher: WATCH (all), WARNING or CRITICAL")
            @RequestParam(defaultValue = "WATCH") ChurnLevel minLevel,
            @Parameter(description = "the nextCursor of the previous page; absent for the first") @RequestParam(required = false) @Size(max = 400) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @Parameter(description = "level (default: highest level first, then the longest-standing) or pAlive (the churn "
                    + "model's P(alive), lowest first; customers without a score last)")
            @RequestParam(defaultValue = "level") @Size(max = 20) String sort) {
        if (PAliveCursor.SORT.equals(sort)) {
            List<ChurnAlert> items = views.listByPAlive(minLevel, PAliveCursor.decode(cursor), size);
            String next = items.size() < size ? null : PAliveCursor.after(items.get(items.size() - 1)).encode();
            return new ChurnAlertPage(items, next);
        }
        if (!"level".equals(sort)) {
            throw new InvalidQuery("sort", "must be level or pAlive");
        }
        List<ChurnAlert> items = views.list(minLevel, AlertCursor.decode(cursor), size);
        String next = items.size() < size ? null : AlertCursor.after(items.get(items.size() - 1)).encode();
        return new ChurnAlertPage(items, next);
    }

    @GetMapping("/api/customers/{customerId}/churn")
    @Operation(summary = "A customer's churn alert with its reasons",
            description = "404 when the customer has no alert: no reason holds now, the customer is closed, or unknown.")
    ChurnAlert get(@PathVariable String customerId) {
        return views.find(customerId).orElseThrow(() -> new NotFound("Churn alert of customer", customerId));
    }

    @GetMapping(path = "/api/churn-alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live alert changes (Server-Sent Events)",
            description = "After each committed change of an alert (raised, reason added or cleared, level changed, cleared) "
                    + "an event named `alert` whose data is the change as JSON; level null and no reasons when the alert "
                    + "was cleared. Changes made before subscribing are not replayed: read the list first. The subscription "
                    + "ends after rapport.churn.stream.timeout (30 minutes by default); reconnect. 503 with Retry-After "
                    + "when the maximum number of subscribers (rapport.churn.stream.max-subscribers) is connected.",
            responses = @ApiResponse(responseCode = "200", description = "a stream of `alert` events",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = ChurnAlertChange.class))))
    SseEmitter stream() {
        return stream.subscribe();
    }
}

package dev.rapport.query.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.rapport.platform.web.NotFound;
import dev.rapport.query.InvalidQuery;
import dev.rapport.query.audit.CustomerHistory.HistoricEvent;
import dev.rapport.query.audit.CustomerHistory.HistoryFilter;
import dev.rapport.query.customer.CustomerAsOf;
import dev.rapport.query.consistency.ReadsFrom;
import dev.rapport.query.customer.CustomerView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

@RestController
@ReadsFrom({}) // reads the event store itself: a consistency token has nothing to wait for
@Tag(name = "Audit", description = "A customer's complete event history, their state at any past moment, and who read what")
class AuditTrailController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final CustomerHistory history;
    private final CustomerAsOf asOf;
    private final AuditAccessLog accessLog;

    AuditTrailController(CustomerHistory history, CustomerAsOf asOf, AuditAccessLog accessLog) {
        this.history = history;
        this.asOf = asOf;
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/audit/customers/{customerId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A customer's events, oldest first, paged",
            description = "Every event of every aggregate that concerns the customer, in global order, with type, revision, "
                    + "sequence, position, timestamp, payload and metadata (actor, source, correlation, causation, idempotency "
                    + "key). Filter by `from`/`to` (instants) and `types`; page with `cursor` (the previous page's `next`). "
                    + "Ask for `application/x-ndjson` to stream everything instead. The read is recorded in the access log.")
    EventPage events(@PathVariable String customerId, @RequestParam(required = false) Instant from,
                     @RequestParam(required = false) Instant to, @RequestParam(required = false) @Size(max = 4000) String types,
                     @RequestParam(required = false) @Min(0) Long cursor,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, HttpServletRequest request) {
        accessLog.record(request, customerId, "EVENTS");
        List<HistoricEvent> events = history.page(customerId, filter(from, to, types), cursor == null ? -1 : cursor, size);
        Long next = events.size() < size ? null : events.get(events.size() - 1).position();
        return new EventPage(events, next);
    }

    @GetMapping(path = "/api/audit/customers/{customerId}/events", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> eventsAsNdjson(@PathVariable String customerId, @RequestParam(required = false) Instant from,
                                                         @RequestParam(required = false) Instant to,
                                                         @RequestParam(required = false) @Size(max = 4000) String types, HttpServletRequest request) {
        accessLog.record(request, customerId, "EVENTS_NDJSON");
        HistoryFilter filter = filter(from, to, types);
        StreamingResponseBody body = out -> history.each(customerId, filter, event -> line(out, event));
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    @GetMapping("/api/audit/customers/{customerId}/as-of")
    @Operation(summary = "The customer 360 as it was at an instant (`at`) or log position (`position`)",
            description = "Built by running the customer-view projection itself over the customer's events up to that point. "
                    + "404 when the customer did not exist yet. The read is recorded in the access log.")
    CustomerView asOf(@PathVariable String customerId, @RequestParam(required = false) Instant at,
                      @RequestParam(required = false) @Min(0) Long position, HttpServletRequest request) {
        if ((at == null) == (position == null)) {
            throw new InvalidQuery("at", "give exactly one of 'at' (an instant) or 'position'");
        }
        accessLog.record(request, customerId, "AS_OF");
        return (at != null ? asOf.at(customerId, at) : asOf.atPosition(customerId, position))
                .orElseThrow(() -> new NotFound("Customer", customerId + " at that point"));
    }

    @GetMapping("/api/audit/access-log")
    @Operation(summary = "Who read which customer's history, newest first",
            description = "Filter by `customerId` and `actor`; page with `cursor` (the previous page's `next`).")
    AccessPage accessLog(@RequestParam(required = false) @Size(max = 64) String customerId,
                         @RequestParam(required = false) @Size(max = 200) String actor,
                         @RequestParam(required = false) @Min(1) Long cursor,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        List<AuditAccessLog.Access> entries = accessLog.read(customerId, actor, cursor, size);
        Long next = entries.size() < size ? null : entries.get(entries.size() - 1).id();
        return new AccessPage(entries, next);
    }

    private static HistoryFilter filter(Instant from, Instant to, String types) {
        List<String> typeList = types == null || types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (typeList.stream().anyMatch(t -> !t.matches("[A-Za-z0-9_.$]{1,200}"))) {
            throw new InvalidQuery("types", "event types are class names, simple or full");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidQuery("to", "must be after from");
        }
        return new HistoryFilter(from, to, typeList);
    }

    private static void line(OutputStream out, HistoricEvent event) {
        try {
            out.write(JSON.writeValueAsBytes(event));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of events; {@code next} is the cursor of the following page, absent on the last. */
    record EventPage(List<HistoricEvent> items, Long next) {
    }

    /** A page of the access log. */
    record AccessPage(List<AuditAccessLog.Access> items, Long next) {
    }
}

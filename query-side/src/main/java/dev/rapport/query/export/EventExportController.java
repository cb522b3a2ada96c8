package dev.rapport.query.export;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.rapport.query.InvalidQuery;
import dev.rapport.query.catalog.EventCatalog;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/export")
@Tag(name = "Export", description = "The event log as NDJSON and every read model as CSV, for data teams")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class EventExportController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EventExport export;
    private final EventCatalog catalog;

    EventExportController(EventExport export, EventCatalog catalog) {
        this.export = export;
        this.catalog = catalog;
    }

    @GetMapping("/events")
    @ReadsFrom({})
    @Operation(summary = "Stored events as NDJSON, resumable",
            description = """
                    One JSON object per line, in position order: `position`, `eventId`, `type` (the stored class name), \
                    `revision` (null for an event's first shape; see /api/catalog for its upcasters), `aggregateId`, \
                    `sequence`, `timestamp`, `customerId`, and `payload` and `metadata` as stored, embedded as JSON. \
                    To resume, pass the last line's `position` as `from`: the export never ends past an event still \
                    being committed, so resuming skips nothing. Reads the PostgreSQL event store (not available \
                    with Axon Server).""")
    ResponseEntity<StreamingResponseBody> events(
            @Parameter(description = "only events after this position (the last position received), 0 for the start")
            @RequestParam(defaultValue = "0") @Min(0) long from,
            @Parameter(description = "only events up to this position, inclusive")
            @RequestParam(required = false) @Min(0) Long to,
            @Parameter(description = "only these event types, comma-separated: simple names from the catalog "
                    + "(`SaleRecorded`) or stored class names (`dev.rapport.events.sales.SaleRecorded`)")
            @RequestParam(required = false) @Size(max = 100) List<@Size(max = 200) String> types) {
        if (to != null && to < from) {
            throw new InvalidQuery("to", "must not be before from (" + from + ")");
        }
        var selection = new EventSelection(from, to, payloadTypes(types));
        StreamingResponseBody body = out -> export.write(selection, out);
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    /** Class names are taken as stored (the log may hold types the code no longer has); simple names must be in the catalog. */
    private Set<String> payloadTypes(List<String> requested) {
        Set<String> payloadTypes = new LinkedHashSet<>();
        Set<String> unknown = new TreeSet<>();
        if (requested != null) {
            requested.stream().map(String::strip).filter(type -> !type.isEmpty()).forEach(type -> {
                if (type.contains(".")) {
                    payloadTypes.add(type);
                } else {
                    catalog.eventNamed(type).ifPresentOrElse(event -> payloadTypes.add(event.getName()), () -> unknown.add(type));
                }
            });
        }
        if (!unknown.isEmpty()) {
            throw new InvalidQuery("types", "unknown event type(s): " + String.join(", ", unknown));
        }
        return payloadTypes;
    }
}

package dev.rapport.query.catalog;

import java.nio.charset.StandardCharsets;

import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Event catalog", description = "Every event type: fields, types, personal data, revisions and upcasters")
@ReadsFrom({})
class CatalogController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final EventCatalog catalog;

    CatalogController(EventCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/catalog")
    @Operation(summary = "The event catalog as JSON",
            description = "Built at startup from the event classes this service runs with. `revision` is null for an "
                    + "event's first shape, as in `domain_event_entry.payload_revision`.")
    Catalog catalog() {
        return catalog.catalog();
    }

    @GetMapping("/catalog.md")
    @Operation(summary = "The event catalog as Markdown", description = "`docs/event-catalog.md` as committed with this build.")
    ResponseEntity<String> markdown() {
        return ResponseEntity.ok().contentType(MARKDOWN).body(catalog.markdown());
    }
}

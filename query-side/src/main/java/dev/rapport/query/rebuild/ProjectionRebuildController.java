package dev.rapport.query.rebuild;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Projection rebuilds", description = "Blue/green rebuilds of projections from the start of the event log")
class ProjectionRebuildController {

    private final ProjectionRebuilder rebuilder;

    ProjectionRebuildController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @GetMapping
    @Operation(summary = "The projections that can be rebuilt, each with its last rebuild",
            description = "state is null for a projection never rebuilt.")
    List<RebuildStatus> projections() {
        return rebuilder.all();
    }

    @PostMapping("/{name}/rebuild")
    @Operation(summary = "Rebuild a projection from the start of the log",
            description = "Replays the log into new tables while the current ones keep serving, then swaps them atomically "
                    + "and drops the old ones. Idempotent: a running rebuild is returned as it is; an unfinished one "
                    + "(crash, failure) continues from its position. 202 with the status; 404 for an unknown projection.")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilder.start(name));
    }

    @GetMapping("/{name}/rebuild")
    @Operation(summary = "Where a projection's rebuild stands",
            description = "state (RUNNING, TAILING after the swap until the live processor has passed it, COMPLETED, "
                    + "FAILED), events processed, position reached vs the log's head, events/s and ETA (while this "
                    + "instance works on it). Also the gauges rapport.rebuild.position and rapport.rebuild.processed.")
    RebuildStatus status(@PathVariable String name) {
        return rebuilder.status(name);
    }
}

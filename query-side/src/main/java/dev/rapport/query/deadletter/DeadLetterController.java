package dev.rapport.query.deadletter;

import java.util.List;

import dev.rapport.platform.web.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Dead letters", description = "Events a projection failed on, parked per customer while the other customers go on")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(summary = "Every projection's parked events, per customer sequence",
            description = "Each letter: event type, log position, the aggregate and its sequence number, the cause, when it was parked.")
    List<DeadLetterView.Group> all() {
        return deadLetters.all();
    }

    @GetMapping("/{processingGroup}")
    @Operation(summary = "One projection's parked events")
    DeadLetterView.Group group(@PathVariable String processingGroup) {
        return deadLetters.group(processingGroup);
    }

    @PostMapping("/{processingGroup}/retry")
    @Operation(summary = "Hand the parked sequences back to the projection, once each (after fixing the cause)",
            description = "Reports how many sequences succeeded; those that fail again stay parked with the new cause.")
    DeadLetterView.RetryOutcome retry(@PathVariable String processingGroup) {
        return deadLetters.retry(processingGroup);
    }

    @DeleteMapping("/{processingGroup}/sequences/{sequenceIdentifier}")
    @Operation(summary = "Evict a customer's parked events for good",
            description = "The projection will never see them: its read model stays wrong for that customer until it is rebuilt "
                    + "(POST /api/admin/projections/{name}/rebuild). So the request must repeat the sequence identifier in "
                    + "?confirm=; otherwise 422 confirmation-required.")
    DeadLetterView.Eviction evict(@PathVariable String processingGroup, @PathVariable String sequenceIdentifier,
                                  @Parameter(description = "the sequence identifier again") @RequestParam(required = false) String confirm) {
        if (!sequenceIdentifier.equals(confirm)) {
            throw new RuleViolation("confirmation-required",
                    "Evicting drops these events from the projection until it is rebuilt; repeat the sequence identifier as ?confirm=");
        }
        return deadLetters.evict(processingGroup, sequenceIdentifier);
    }
}

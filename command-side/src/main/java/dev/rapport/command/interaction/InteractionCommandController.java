package dev.rapport.command.interaction;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.rapport.command.CommandSender;
import dev.rapport.command.interaction.LogInteraction.SurveyScores;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.Sentiment;
import dev.rapport.platform.web.CommandMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Interaction commands", description = "Log every contact with a customer")
class InteractionCommandController {

    private final CommandSender commands;

    InteractionCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/customers/{customerId}/interactions")
    @Operation(summary = "Log an interaction", description = "201 with the interaction's id; 404 unknown customer, "
            + "409 customer-closed, 422 occurred-in-future. With complaintId it counts as the complaint's follow-up (回访). "
            + "language (optional) is the language tag the contact was held in, e.g. zh-CN.")
    ResponseEntity<InteractionAccepted> log(@PathVariable String customerId, @Valid @RequestBody InteractionRequest body,
                                            HttpServletRequest request) {
        var metadata = CommandMetadata.from(request);
        String interactionId = UUID.randomUUID().toString();
        String handledBy = body.handledBy() != null ? body.handledBy() : (String) metadata.get(CommandMetadata.ACTOR);
        commands.send(new LogInteraction(interactionId, customerId, body.channel(), body.direction(), body.language(),
                body.topic(), body.outcome(), handledBy, body.satisfaction(), body.sentiment(), body.survey(),
                body.complaintId(), body.occurredAt()), metadata);
        return ResponseEntity.created(URI.create("/api/interactions/" + interactionId))
                .body(new InteractionAccepted(interactionId, customerId));
    }

    @Schema(example = """
            {"channel": "CALL_CENTRE", "direction": "INBOUND", "language": "zh-CN", "topic": "baggage delay",
             "outcome": "voucher offered", "satisfaction": 4, "sentiment": "NEUTRAL", "occurredAt": "2026-11-20T09:15:00Z"}""")
    record InteractionRequest(@NotNull InteractionChannel channel, @NotNull Direction direction,
                              @Size(max = 35) @Pattern(regexp = LogInteraction.LANGUAGE_TAG,
                                      message = "must be a language tag such as zh-CN") String language,
                              @NotBlank @Size(max = 200) String topic, @Size(max = 2000) String outcome,
                              @Size(max = 100) String handledBy, @Min(1) @Max(5) Integer satisfaction, Sentiment sentiment,
                              @Valid SurveyScores survey, @Size(max = 64) String complaintId, Instant occurredAt) {
    }

    record InteractionAccepted(String interactionId, String customerId) {
    }
}

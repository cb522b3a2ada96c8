package dev.rapport.command.interaction;

import java.time.Instant;

import dev.rapport.command.customer.ForActiveCustomer;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.Sentiment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Log a contact with a customer. Refused for an unknown or closed customer. {@code language} is the
 * IETF language tag the contact was held in ({@code zh-CN}, {@code de}), optional.
 */
public record LogInteraction(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String interactionId,
        @NotBlank @Size(max = 64) String customerId,
        @NotNull InteractionChannel channel,
        @NotNull Direction direction,
        @Size(max = 35) @Pattern(regexp = LANGUAGE_TAG, message = "must be a language tag such as zh-CN") String language,
        @NotBlank @Size(max = 200) String topic,
        @Size(max = 2000) String outcome,
        @NotBlank @Size(max = 100) String handledBy,
        @Min(1) @Max(5) Integer satisfaction,
        Sentiment sentiment,
        @Valid SurveyScores survey,
        @Size(max = 64) String complaintId,
        Instant occurredAt) implements ForActiveCustomer {

    /** A language, optionally followed by script, region or variant subtags: {@code de}, {@code zh-Hant-TW}. */
    public static final String LANGUAGE_TAG = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*";

    /** A five-dimension service survey, each score 1–5. */
    public record SurveyScores(@Min(1) @Max(5) int reliability, @Min(1) @Max(5) int tangibles,
                               @Min(1) @Max(5) int responsiveness, @Min(1) @Max(5) int assurance,
                               @Min(1) @Max(5) int empathy, @Min(1) @Max(5) int overall) {
    }
}

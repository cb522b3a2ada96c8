package dev.rapport.command.complaint;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Note that the customer was contacted after the resolution (回访): sent when an interaction linked to
 * the complaint is logged. Only the first contact after a resolution counts; later ones change nothing.
 */
public record RecordComplaintFollowUp(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 64) String interactionId,
        @NotNull Instant followedUpAt) {
}

package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move an open complaint one level up, by hand. */
public record EscalateComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 1000) String reason) {
}

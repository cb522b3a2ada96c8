package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer rejected the resolution: open the complaint again, with a new resolution deadline. */
public record ReopenComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 4000) String reason) {
}

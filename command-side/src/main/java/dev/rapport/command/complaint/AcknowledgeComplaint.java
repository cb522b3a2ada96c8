package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a filed complaint up and tell the customer so. */
public record AcknowledgeComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 100) String acknowledgedBy) {
}

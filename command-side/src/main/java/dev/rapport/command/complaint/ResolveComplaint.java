package dev.rapport.command.complaint;

import dev.rapport.events.complaint.Compensation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give the customer a resolution, with compensation or without ({@code compensation} null); a
 * follow-up contact becomes due.
 */
public record ResolveComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 4000) String resolution,
        Compensation compensation,
        @NotBlank @Size(max = 100) String resolvedBy) {
}

package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an acknowledged complaint to an employee or team to resolve; assigning again reassigns it. */
public record AssignComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 100) String assignee) {
}

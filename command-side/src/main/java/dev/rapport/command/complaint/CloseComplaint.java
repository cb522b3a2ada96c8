package dev.rapport.command.complaint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a resolved complaint with the customer's satisfaction, 1 (very unhappy) to 5 (very happy). */
public record CloseComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @Min(1) @Max(5) int satisfaction) {
}

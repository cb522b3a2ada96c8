package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer accepted the resolution. */
public record ConfirmComplaintResolution(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId) {
}

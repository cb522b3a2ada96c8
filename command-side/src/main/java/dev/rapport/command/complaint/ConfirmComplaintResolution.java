package dev.rapport.command.complaint;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer accepted the resolution. */
public record ConfirmComplaintResolution(@TargetAggregateIdentifier @NotBlank String complaintId) {
}

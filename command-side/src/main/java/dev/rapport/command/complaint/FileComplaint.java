package dev.rapport.command.complaint;

import dev.rapport.command.customer.ForActiveCustomer;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.interaction.InteractionChannel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a customer's complaint under a new id; its SLA deadlines start now. */
public record FileComplaint(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String complaintId,
        @NotBlank @Size(max = 64) String customerId,
        @NotNull ComplaintCategory category,
        @NotNull Severity severity,
        @NotNull InteractionChannel channel,
        @NotBlank @Size(max = 4000) String description) implements ForActiveCustomer {
}

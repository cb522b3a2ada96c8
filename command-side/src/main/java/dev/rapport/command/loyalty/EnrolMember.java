package dev.rapport.command.loyalty;

import dev.rapport.command.customer.ForActiveCustomer;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enrol a customer in the loyalty programme; the id must be {@link MembershipIds#forCustomer}. */
public record EnrolMember(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @NotBlank @Size(max = 64) String customerId) implements ForActiveCustomer {

    public static EnrolMember forCustomer(String customerId) {
        return new EnrolMember(MembershipIds.forCustomer(customerId), customerId);
    }
}

package dev.rapport.command.customer;

import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ContactChannel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands a customer takes besides registration and profile updates. */
public final class CustomerCommands {

    private CustomerCommands() {
    }

    /** Record that the customer opted in to or out of marketing on a channel. */
    public record ChangeConsent(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotNull ContactChannel channel,
                                boolean optedIn, @NotBlank @Size(max = 100) String source) implements CustomerCommand {
    }

    /** Note a personal preference; noting the same key again replaces it. */
    public record NotePreference(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId,
                                 @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case words joined by '-'") String key,
                                 @NotBlank @Size(max = 500) String value, @NotBlank @Size(max = 200) String notedBy) implements CustomerCommand {
    }

    /** Withdraw a noted preference. */
    public record WithdrawPreference(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotBlank @Size(max = 64) String key) implements CustomerCommand {
    }

    /** Give the customer an account manager, or hand them over to another. */
    public record AssignAccountManager(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId,
                                       @NotBlank @Size(max = 100) String accountManagerId) implements CustomerCommand {
    }

    /** Record that the customer referred another, already registered, customer. */
    public record RecordReferral(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotBlank @Size(max = 64) String referredCustomerId) implements CustomerCommand {
    }

    /** Make the customer a partner, the top of the loyalty ladder; only a person decides this. */
    public record MarkAsPartner(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotBlank @Size(max = 500) String reason) implements CustomerCommand {
    }

    /** End the customer's partnership. */
    public record EndPartnership(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotBlank @Size(max = 500) String reason) implements CustomerCommand {
    }

    /** Close the relationship, with the churn classification. */
    public record CloseCustomer(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId, @NotNull ClosureReason reason,
                                @Size(max = 2000) String note, @NotBlank @Size(max = 200) String closedBy) implements CustomerCommand {
    }

    /** Reopen a closed relationship (never after a malicious closure). */
    public record ReactivateCustomer(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId) implements CustomerCommand {
    }
}

package dev.rapport.command.customer;

import java.net.URI;
import java.util.UUID;

import dev.rapport.command.CommandSender;
import dev.rapport.command.customer.CustomerCommands.AssignAccountManager;
import dev.rapport.command.customer.CustomerCommands.ChangeConsent;
import dev.rapport.command.customer.CustomerCommands.CloseCustomer;
import dev.rapport.command.customer.CustomerCommands.EndPartnership;
import dev.rapport.command.customer.CustomerCommands.MarkAsPartner;
import dev.rapport.command.customer.CustomerCommands.NotePreference;
import dev.rapport.command.customer.CustomerCommands.ReactivateCustomer;
import dev.rapport.command.customer.CustomerCommands.RecordReferral;
import dev.rapport.command.customer.CustomerCommands.WithdrawPreference;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.platform.web.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer commands", description = "Register customers, change profile, consent, preferences, account manager, "
        + "referrals, partnership; close and reactivate")
class CustomerCommandController {

    private final CommandSender commands;
    private final CustomerRegistry registry;

    CustomerCommandController(CommandSender commands, CustomerRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register a customer", description = "Answers 201 with the new customer's id and its location.")
    ResponseEntity<CustomerAccepted> register(@Valid @RequestBody ProfileDetails profile, HttpServletRequest request) {
        String customerId = UUID.randomUUID().toString();
        send(new RegisterCustomer(customerId, profile), request);
        return ResponseEntity.created(URI.create("/api/customers/" + customerId)).body(new CustomerAccepted(customerId));
    }

    @PutMapping("/{customerId}/profile")
    @Operation(summary = "Replace a customer's profile", description = "404 when the customer is unknown.")
    CustomerAccepted updateProfile(@PathVariable String customerId, @Valid @RequestBody ProfileDetails profile,
                                   HttpServletRequest request) {
        return send(new UpdateCustomerProfile(customerId, profile), request);
    }

    @PutMapping("/{customerId}/consents/{channel}")
    @Operation(summary = "Record an opt-in or opt-out on one channel",
            description = "Opting out is always accepted; opting in is refused (409 customer-closed) for a closed customer.")
    CustomerAccepted changeConsent(@PathVariable String customerId, @PathVariable ContactChannel channel,
                                   @Valid @RequestBody ConsentRequest body, HttpServletRequest request) {
        return send(new ChangeConsent(customerId, channel, body.optedIn(), body.source()), request);
    }

    @PutMapping("/{customerId}/preferences/{key}")
    @Operation(summary = "Note a personal preference", description = "Noting a key again replaces its value.")
    CustomerAccepted notePreference(@PathVariable String customerId, @PathVariable String key,
                                    @Valid @RequestBody PreferenceRequest body, HttpServletRequest request) {
        MetaData metadata = CommandMetadata.from(request);
        return send(new NotePreference(customerId, key, body.value(), (String) metadata.get(CommandMetadata.ACTOR)), metadata);
    }

    @DeleteMapping("/{customerId}/preferences/{key}")
    @Operation(summary = "Withdraw a noted preference", description = "422 unknown-preference when none is noted under the key.")
    CustomerAccepted withdrawPreference(@PathVariable String customerId, @PathVariable String key, HttpServletRequest request) {
        return send(new WithdrawPreference(customerId, key), request);
    }

    @PutMapping("/{customerId}/account-manager")
    @Operation(summary = "Assign or hand over the customer's account manager")
    CustomerAccepted assignAccountManager(@PathVariable String customerId, @Valid @RequestBody AccountManagerRequest body,
                                          HttpServletRequest request) {
        return send(new AssignAccountManager(customerId, body.accountManagerId()), request);
    }

    @PostMapping("/{customerId}/referrals")
    @Operation(summary = "Record that the customer referred another registered customer",
            description = "404 when either customer is unknown; 422 self-referral.")
    CustomerAccepted recordReferral(@PathVariable String customerId, @Valid @RequestBody ReferralRequest body,
                                    HttpServletRequest request) {
        registry.requireKnown(body.referredCustomerId());
        return send(new RecordReferral(customerId, body.referredCustomerId()), request);
    }

    @PostMapping("/{customerId}/partnership")
    @Operation(summary = "Make the customer a partner (top of the loyalty ladder)")
    CustomerAccepted markAsPartner(@PathVariable String customerId, @Valid @RequestBody ReasonRequest body,
                                   HttpServletRequest request) {
        return send(new MarkAsPartner(customerId, body.reason()), request);
    }

    @PostMapping("/{customerId}/partnership/end")
    @Operation(summary = "End the customer's partnership", description = "422 not-a-partner.")
    CustomerAccepted endPartnership(@PathVariable String customerId, @Valid @RequestBody ReasonRequest body,
                                    HttpServletRequest request) {
        return send(new EndPartnership(customerId, body.reason()), request);
    }

    @PostMapping("/{customerId}/close")
    @Operation(summary = "Close the relationship", description = "409 customer-closed when already closed.")
    CustomerAccepted close(@PathVariable String customerId, @Valid @RequestBody CloseRequest body, HttpServletRequest request) {
        MetaData metadata = CommandMetadata.from(request);
        return send(new CloseCustomer(customerId, body.reason(), body.note(), (String) metadata.get(CommandMetadata.ACTOR)), metadata);
    }

    @PostMapping("/{customerId}/reactivate")
    @Operation(summary = "Reactivate a closed customer",
            description = "409 customer-not-closed; 422 reactivation-forbidden after a MALICIOUS closure.")
    CustomerAccepted reactivate(@PathVariable String customerId, HttpServletRequest request) {
        return send(new ReactivateCustomer(customerId), request);
    }

    @PostMapping("/{customerId}/erase")
    @Operation(summary = "Erase the customer's personal data (GDPR right to erasure)",
            description = "Crypto-shredding: the customer's key is deleted, so every personal field of every event about them "
                    + "reads as [erased] (other types null) in every view, export and rebuild; amounts, dates and tiers stay. "
                    + "The body must repeat the customer id in `confirm` (400 naming `confirm` otherwise). Irreversible: "
                    + "every later command for the customer, a second erasure included, is refused with 409 customer-erased.")
    CustomerAccepted erase(@PathVariable String customerId, @Valid @RequestBody EraseRequest body, HttpServletRequest request) {
        if (!customerId.equals(body.confirm())) {
            throw new InvalidField("confirm", "must repeat the customer id to confirm the erasure");
        }
        MetaData metadata = CommandMetadata.from(request);
        return send(new EraseCustomer(customerId, (String) metadata.get(CommandMetadata.ACTOR)), metadata);
    }

    private CustomerAccepted send(CustomerCommand command, HttpServletRequest request) {
        return send(command, CommandMetadata.from(request));
    }

    private CustomerAccepted send(CustomerCommand command, MetaData metadata) {
        commands.send(command, metadata);
        return new CustomerAccepted(command.customerId());
    }

    /** What a customer command answers: the id it concerned. */
    record CustomerAccepted(String customerId) {
    }

    @Schema(example = "{\"optedIn\": false, \"source\": \"unsubscribe-link\"}")
    record ConsentRequest(boolean optedIn, @NotBlank @Size(max = 100) String source) {
    }

    @Schema(example = "{\"value\": \"aisle seat, vegetarian meal\"}")
    record PreferenceRequest(@NotBlank @Size(max = 500) String value) {
    }

    @Schema(example = "{\"accountManagerId\": \"emp-0042\"}")
    record AccountManagerRequest(@NotBlank @Size(max = 100) String accountManagerId) {
    }

    @Schema(example = "{\"referredCustomerId\": \"0b5e…\"}")
    record ReferralRequest(@NotBlank @Size(max = 64) String referredCustomerId) {
    }

    @Schema(example = "{\"reason\": \"framework contract FC-2026-17\"}")
    record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(example = "{\"confirm\": \"2225f091-…\"}")
    record EraseRequest(@NotBlank String confirm) {
    }

    @Schema(example = "{\"reason\": \"COMPETITOR\", \"note\": \"moved to a cheaper carrier\"}")
    record CloseRequest(@NotNull ClosureReason reason, @Size(max = 2000) String note) {
    }
}

package dev.rapport.command.customer;

import java.net.URI;
import java.util.UUID;

import dev.rapport.platform.web.CommandMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer commands", description = "Register customers and change their profile")
class CustomerCommandController {

    private final CommandGateway commands;

    CustomerCommandController(CommandGateway commands) {
        this.commands = commands;
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
    ResponseEntity<CustomerAccepted> updateProfile(@Parameter(description = "the customer's id") @PathVariable String customerId,
                                                   @Valid @RequestBody ProfileDetails profile, HttpServletRequest request) {
        send(new UpdateCustomerProfile(customerId, profile), request);
        return ResponseEntity.ok(new CustomerAccepted(customerId));
    }

    private void send(Object command, HttpServletRequest request) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(CommandMetadata.from(request)));
    }

    /** What a customer command answers: the id it concerned. */
    record CustomerAccepted(String customerId) {
    }
}

package dev.rapport.command;

import dev.rapport.platform.web.CommandMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * How the HTTP API sends a command: with the request's metadata (actor, source, correlation,
 * idempotency key), waiting for the result, so the answer reflects the stored event or the refusal.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, HttpServletRequest request) {
        return send(command, CommandMetadata.from(request));
    }

    public <R> R send(Object command, MetaData metadata) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata));
    }
}

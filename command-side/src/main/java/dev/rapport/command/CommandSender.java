package dev.rapport.command;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.platform.web.ConcurrentModification;
import dev.rapport.platform.web.ConsistencyToken;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How the HTTP API sends a command: with the request's metadata (actor, source, correlation,
 * idempotency key), waiting for the result, so the answer reflects the stored event or the refusal.
 * The answer carries a consistency token ({@value ConsistencyToken#HEADER}): the global position of the
 * last event of the aggregate the command addressed, so a query that passes it back sees the command's
 * effect (and, since a customer's events are handled in order, everything before it for that customer).
 * Where events are not in PostgreSQL (Axon Server), it is the head of the log.
 */
@Component
public class CommandSender {

    private static final CommandTargetResolver TARGETS = new AnnotationCommandTargetResolver();
    static final int CONFLICT_ATTEMPTS = 5;

    private final CommandGateway gateway;
    private final ObjectProvider<EventStore> eventStore;
    private final ObjectProvider<JdbcClient> jdbc;

    public CommandSender(CommandGateway gateway, ObjectProvider<EventStore> eventStore, ObjectProvider<JdbcClient> jdbc) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public <R> R send(Object command, HttpServletRequest request) {
        return send(command, CommandMetadata.from(request));
    }

    public <R> R send(Object command, MetaData metadata) {
        NulCharacters.refuseIn(command);
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).withMetaData(metadata);
        R result = sendRetryingConflicts(message);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            consistencyPosition(message).ifPresent(position ->
                    attributes.getResponse().setHeader(ConsistencyToken.HEADER, ConsistencyToken.format(position)));
        }
        return result;
    }

    /**
     * Within one node Axon locks an aggregate while a command runs, so commands on it take turns. Across
     * nodes the event store's unique (aggregate, sequence) key refuses the second of two concurrent appends
     * (ConcurrencyException); nothing was stored, so the command is sent again against the new state, a
     * few times with a growing random pause, before the conflict is reported.
     */
    private <R> R sendRetryingConflicts(CommandMessage<Object> message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(message);
            } catch (ConcurrencyException conflict) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw new ConcurrentModification(TARGETS.resolveTarget(message).getIdentifier(), attempt, conflict);
                }
                pauseBeforeAttempt(attempt);
            }
        }
    }

    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting command", e);
        }
    }

    /**
     * The command has committed by now: if the database goes away before its position can be read, the
     * answer is still the success (without a token), never an error that would make the client repeat it.
     */
    private OptionalLong consistencyPosition(CommandMessage<?> message) {
        try {
            return positionReachedBy(message);
        } catch (DataAccessException | AxonException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong positionReachedBy(CommandMessage<?> message) {
        JdbcClient sql = jdbc.getIfAvailable();
        if (sql != null) {
            Long position = sql.sql("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?")
                    .param(TARGETS.resolveTarget(message).getIdentifier())
                    .query(Long.class).optional().orElse(null);
            if (position != null) {
                return OptionalLong.of(position);
            }
        }
        EventStore store = eventStore.getIfAvailable();
        return store == null ? OptionalLong.empty() : store.createHeadToken().position();
    }
}

package dev.rapport.command.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/** A command gateway that keeps what it is sent and answers with nothing, or with a chosen failure. */
final class RecordingCommandGateway implements CommandGateway {

    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private Function<Object, RuntimeException> failure = command -> null;

    /** From now on, fail each command the function gives an exception for. */
    void failWith(Function<Object, RuntimeException> failure) {
        this.failure = failure;
    }

    List<Object> sentPayloads() {
        return sent.stream().<Object>map(CommandMessage::getPayload).toList();
    }

    CommandMessage<?> lastSent() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public <R> R sendAndWait(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        sent.add(message);
        RuntimeException exception = failure.apply(message.getPayload());
        if (exception != null) {
            throw exception;
        }
        return null;
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        try {
            return CompletableFuture.completedFuture(sendAndWait(command));
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("the loyalty policies only send commands and wait; this fake records those");
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        throw new UnsupportedOperationException("the loyalty policies only send commands and wait; this fake records those");
    }
}

package dev.rapport.command.loyalty;

import org.axonframework.messaging.RemoteHandlingException;

/**
 * Why a command failed, wherever it was handled: here the handler's exception arrives as is or as a cause;
 * from another node (Axon Server) only as a {@link RemoteHandlingException} describing it by class name.
 */
final class CommandFailures {

    private CommandFailures() {
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause instanceof RemoteHandlingException remote
                    && remote.getExceptionDescriptions().stream().anyMatch(description -> description.startsWith(type.getName() + ":"))) {
                return true;
            }
        }
        return false;
    }
}

package dev.rapport.query.deadletter;

import java.sql.Savepoint;

import javax.sql.DataSource;

import dev.rapport.query.Projections;
import dev.rapport.query.writes.ProjectionWrites;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * While a projection is careful ({@link ContainedFailures}), each of its event handlers runs in a savepoint
 * of the processor's transaction, rolled back if the handler fails: the transaction stays usable for the
 * dead-letter queue, and none of the failed event's writes commit. Only in a processor's unit of work
 * (live processing, dead-letter retries), never in a rebuild.
 */
@Component
class SavepointPerHandler implements HandlerEnhancerDefinition {

    private final ContainedFailures failures;
    private final DataSource dataSource;
    private final ProjectionWrites writes;

    SavepointPerHandler(ContainedFailures failures, DataSource dataSource, ProjectionWrites writes) {
        this.failures = failures;
        this.dataSource = dataSource;
        this.writes = writes;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        ProcessingGroup group = AnnotationUtils.findAnnotation(original.declaringClass(), ProcessingGroup.class);
        if (group == null || !Projections.NAMES.contains(group.value()) || !original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        String processingGroup = group.value();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                // a batch that began before the projection became careful collects its writes: a savepoint would
                // contain none of them, so the failure must fail the batch (BatchedUnlessCareful)
                ConnectionHolder transaction = failures.careful(processingGroup) && CurrentUnitOfWork.isStarted() && !writes.batching()
                        ? (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource) : null;
                if (transaction == null) {
                    return super.handle(message, target);
                }
                Savepoint savepoint = transaction.createSavepoint();
                try {
                    Object result = super.handle(message, target);
                    transaction.getConnection().releaseSavepoint(savepoint);
                    return result;
                } catch (Exception | Error failure) {
                    transaction.getConnection().rollback(savepoint);
                    failures.contained(failure);
                    throw failure;
                }
            }
        };
    }
}

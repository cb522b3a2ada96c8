package dev.rapport.query.consistency;

import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Announces, in this JVM, that a projection has committed a batch (its rows and its token together), so a query
 * waiting for a position re-reads the tokens then instead of sleeping. Registered on every projection processor.
 */
@Component
public class ProjectionProgress implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String ANNOUNCED = ProjectionProgress.class.getName();

    private final Object monitor = new Object();
    private long commits;

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        // once per batch: the unit of work spans the batch
        unitOfWork.getOrComputeResource(ANNOUNCED, key -> {
            unitOfWork.afterCommit(committed -> committed());
            return Boolean.TRUE;
        });
        return interceptorChain.proceed();
    }

    void committed() {
        synchronized (monitor) {
            commits++;
            monitor.notifyAll();
        }
    }

    /** How many batches have been committed so far; pass it to {@link #awaitCommitAfter}. */
    long commits() {
        synchronized (monitor) {
            return commits;
        }
    }

    /** Waits until a batch is committed after {@code seen} was read, at most {@code nanos}. */
    void awaitCommitAfter(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (monitor) {
            long remaining = nanos;
            while (commits == seen && remaining > 0) {
                TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
                remaining = deadline - System.nanoTime();
            }
        }
    }
}

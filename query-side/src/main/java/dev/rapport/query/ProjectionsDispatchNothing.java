package dev.rapport.query;

import dev.rapport.platform.web.MessageLineage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A projection writes read models and sends no message, so its units of work need no lineage for messages they would
 * dispatch ({@link MessageLineage#NOT_NEEDED}): Axon would otherwise compute it after every event, reading the event's
 * metadata for nothing.
 */
final class ProjectionsDispatchNothing implements MessageHandlerInterceptor<EventMessage<?>> {

    static final ProjectionsDispatchNothing INSTANCE = new ProjectionsDispatchNothing();

    private ProjectionsDispatchNothing() {
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        unitOfWork.resources().putIfAbsent(MessageLineage.NOT_NEEDED, Boolean.TRUE);
        return interceptorChain.proceed();
    }
}

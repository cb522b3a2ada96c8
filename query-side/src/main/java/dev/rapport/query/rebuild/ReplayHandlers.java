package dev.rapport.query.rebuild;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * The live handler beans of a processing group, to replay events through: no second copy of any
 * projection logic. Beans marked {@link DisallowReplay} (notifications, not table writes) are left out.
 */
@Component
class ReplayHandlers {

    private final ApplicationContext context;
    private final org.axonframework.config.Configuration axon;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    ReplayHandlers(ApplicationContext context, org.axonframework.config.Configuration axon) {
        this.context = context;
        this.axon = axon;
    }

    /**
     * Hands events to every handler of the group that can handle them, in order. Each event goes with a replay
     * token, as in a replay of Axon's own: handlers that take {@code ReplayStatus} see REPLAY (and keep to their
     * tables, telling no subscriber), handler methods marked {@code @DisallowReplay} are skipped.
     */
    interface Replay {
        void handle(TrackedEventMessage<?> event);

        /** Whether any of the group's handlers takes events of this payload type (the others need not be deserialized). */
        boolean handles(Class<?> payloadType);
    }

    /** The group's replay, made once: finding the beans and inspecting their handlers is no work for every batch. */
    Replay of(String processingGroup) {
        return replays.computeIfAbsent(processingGroup, this::replayOf);
    }

    private Replay replayOf(String processingGroup) {
        List<AnnotationEventHandlerAdapter> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> processingGroup.equals(groupOf(bean)))
                .filter(bean -> AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), DisallowReplay.class) == null)
                .map(bean -> new AnnotationEventHandlerAdapter(bean, axon.parameterResolverFactory(),
                        withoutTimeouts(axon.handlerDefinition(AopUtils.getTargetClass(bean)))))
                .toList();
        if (handlers.isEmpty()) {
            throw new IllegalStateException("No handlers for processing group " + processingGroup);
        }
        Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();
        return new Replay() {
            @Override
            public void handle(TrackedEventMessage<?> tracked) {
                if (!handles(tracked.getPayloadType())) {
                    return; // wrapping it would parse its timestamp for nothing
                }
                EventMessage<?> event = tracked.withTrackingToken(new ReplayToken(tracked.trackingToken(), tracked.trackingToken()));
                // handle() does nothing for an event without a handler: asking canHandle() first would look the handler up twice
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    try {
                        handler.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException("Replaying " + event.getPayloadType().getSimpleName() + " into "
                                + processingGroup + " failed", e);
                    }
                }
            }

            @Override
            public boolean handles(Class<?> payloadType) {
                return handledTypes.computeIfAbsent(payloadType,
                        type -> handlers.stream().anyMatch(handler -> handler.canHandleType(type)));
            }
        };
    }

    /**
     * The handler definition without Axon's handler timeouts. A timeout wraps every handled event in a task that takes
     * a stack trace and schedules an interrupt, per event (9–18 % of a rebuild thread's CPU); in a rebuild the batched
     * projections' handlers only collect their statements, and a rebuild that hangs shows in its status (no progress).
     */
    static HandlerDefinition withoutTimeouts(HandlerDefinition definition) {
        if (definition instanceof MultiHandlerDefinition multi) {
            return new MultiHandlerDefinition(multi.getDelegates(), withoutTimeouts(multi.getHandlerEnhancerDefinition()));
        }
        return definition;
    }

    private static HandlerEnhancerDefinition withoutTimeouts(HandlerEnhancerDefinition enhancer) {
        if (enhancer instanceof MultiHandlerEnhancerDefinition multi) {
            return new MultiHandlerEnhancerDefinition(multi.getDelegates().stream()
                    .filter(delegate -> !(delegate instanceof HandlerTimeoutHandlerEnhancerDefinition))
                    .map(ReplayHandlers::withoutTimeouts).toList());
        }
        return enhancer instanceof HandlerTimeoutHandlerEnhancerDefinition ? new MultiHandlerEnhancerDefinition() : enhancer;
    }

    private static String groupOf(Object bean) {
        ProcessingGroup group = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ProcessingGroup.class);
        return group == null ? null : group.value();
    }
}

package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathHandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.HandlerTimeoutConfiguration;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.junit.jupiter.api.Test;

/** The replay's handlers are Axon's, less the per-event handler timeout. */
class ReplayHandlersTest {

    /** Axon's definition as the application has it: the classpath's, enhanced, with a handler timeout for events. */
    private final HandlerDefinition axons = new MultiHandlerDefinition(List.of(ClasspathHandlerDefinition.forClass(SlowHandler.class)),
            MultiHandlerEnhancerDefinition.ordered(ClasspathHandlerEnhancerDefinition.forClass(SlowHandler.class),
                    new HandlerTimeoutHandlerEnhancerDefinition(new HandlerTimeoutConfiguration(new TaskTimeoutSettings(50, -1, -1),
                            new TaskTimeoutSettings(), new TaskTimeoutSettings(), new TaskTimeoutSettings()))));

    /** Slower than the 50 ms timeout; the interrupted case sleeps long, so a late interrupt on a busy machine still comes first. */
    static class SlowHandler {
        private final long millis;
        int handled;

        SlowHandler(long millis) {
            this.millis = millis;
        }

        @EventHandler
        void on(String event) throws InterruptedException {
            Thread.sleep(millis);
            handled++;
        }
    }

    @Test
    void withAxonsDefinitionASlowHandlerIsInterruptedByItsTimeout() {
        SlowHandler bean = new SlowHandler(30_000);
        assertThatThrownBy(() -> adapter(bean, axons).handle(GenericEventMessage.asEventMessage("event"))).isNotNull();
        Thread.interrupted();
        assertThat(bean.handled).isZero();
    }

    @Test
    void theReplaysHandlersRunWithoutTheTimeoutAndKeepTheRestOfTheDefinition() throws Exception {
        SlowHandler bean = new SlowHandler(200);
        AnnotationEventHandlerAdapter replay = adapter(bean, ReplayHandlers.withoutTimeouts(axons));
        replay.handle(GenericEventMessage.asEventMessage("event"));
        assertThat(bean.handled).isEqualTo(1);
        assertThat(replay.canHandleType(String.class)).isTrue();
    }

    private static AnnotationEventHandlerAdapter adapter(Object bean, HandlerDefinition definition) {
        return new AnnotationEventHandlerAdapter(bean, ClasspathParameterResolverFactory.forClass(bean.getClass()), definition);
    }
}

package dev.rapport.query.customer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rapport.platform.web.LiveStreams;
import dev.rapport.platform.web.TooManySubscribers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live customer 360s over Server-Sent Events: whenever the customer-view projection commits a change to
 * a customer somebody follows, the new view is pushed to them. Bounded: beyond the configured number of
 * open subscriptions a new one is refused (503).
 */
@Component
class CustomerChangeFeed {

    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final CustomerViews views;
    private final Clock clock;
    private final int maxSubscribers;
    private final Duration timeout;

    private final LiveStreams streams;

    CustomerChangeFeed(CustomerViews views, Clock clock, LiveStreams streams,
                       @Value("${rapport.sse.max-subscribers:500}") int maxSubscribers,
                       @Value("${rapport.sse.timeout:PT30M}") Duration timeout) {
        this.views = views;
        this.clock = clock;
        this.streams = streams;
        this.maxSubscribers = maxSubscribers;
        this.timeout = timeout;
    }

    SseEmitter subscribe(String customerId) {
        if (open.incrementAndGet() > maxSubscribers) {
            open.decrementAndGet();
            throw new TooManySubscribers(maxSubscribers);
        }
        SseEmitter emitter = streams.track(new SseEmitter(timeout.toMillis()));
        subscribers.computeIfAbsent(customerId, id -> new CopyOnWriteArraySet<>()).add(emitter);
        Runnable remove = () -> unsubscribe(customerId, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        push(customerId, emitter);
        return emitter;
    }

    /** Called by the projection while handling an event: pushes the view once the transaction has committed. */
    void changed(String customerId) {
        if (!subscribers.containsKey(customerId)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    push(customerId);
                }
            });
        } else {
            push(customerId);
        }
    }

    private void push(String customerId) {
        Set<SseEmitter> emitters = subscribers.get(customerId);
        if (emitters == null || emitters.isEmpty()) {
            return;
        }
        emitters.forEach(emitter -> push(customerId, emitter));
    }

    /** Sends the current view: first right after subscribing (so the client starts from the current state), then on each change. */
    private void push(String customerId, SseEmitter emitter) {
        views.find(customerId, clock.instant()).ifPresent(view -> {
            try {
                emitter.send(SseEmitter.event().name("customer").data(view));
            } catch (IOException | IllegalStateException gone) {
                unsubscribe(customerId, emitter);
            }
        });
    }

    private void unsubscribe(String customerId, SseEmitter emitter) {
        Set<SseEmitter> emitters = subscribers.get(customerId);
        if (emitters != null && emitters.remove(emitter)) {
            open.decrementAndGet();
            subscribers.computeIfPresent(customerId, (id, set) -> set.isEmpty() ? null : set);
        }
    }
}

package dev.rapport.platform.streaming;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells streaming processors that events have arrived, so they need not poll. One watcher thread tails the event
 * store's shared cache (the embedded store's producer fills it right after this JVM commits, and every poll
 * interval with what other nodes appended) and runs every listener once per arrival.
 * <p>
 * It also runs them every poll interval when nothing arrives: a processor whose stream read the database
 * directly may have been woken a moment before the cache held the event, and must not then sleep for its
 * five-second claim cycle. This bounded poll costs what the processors' own 500 ms poll cost before.
 */
public final class EventArrivals implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EventArrivals.class);

    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final long pollMillis;
    private volatile boolean closed;
    private Thread watcher;

    public EventArrivals(Duration pollInterval) {
        this.pollMillis = Math.max(1, pollInterval.toMillis());
    }

    /** Runs {@code listener} whenever events arrive in {@code source}, until the returned action is run. */
    Runnable register(StreamableMessageSource<TrackedEventMessage<?>> source, Runnable listener) {
        listeners.add(listener);
        startWatching(source);
        return () -> listeners.remove(listener);
    }

    private synchronized void startWatching(StreamableMessageSource<TrackedEventMessage<?>> source) {
        if (watcher == null && !closed) {
            watcher = new Thread(() -> watch(source), "rapport-event-arrivals");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch(StreamableMessageSource<TrackedEventMessage<?>> source) {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
                while (!closed) {
                    if (stream.hasNextAvailable((int) pollMillis, TimeUnit.MILLISECONDS)) {
                        while (stream.hasNextAvailable()) {
                            stream.nextAvailable();
                        }
                    }
                    listeners.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                logger.debug("Watching for new events failed; trying again in {} ms", pollMillis, e);
                listeners.forEach(Runnable::run);
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}

package dev.rapport.platform.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams of the embedded event store announce new events: at once for what this JVM appends, within the poll
 * interval for what another node appends to the shared storage. The poll interval is set long here where an
 * announcement must not come from it.
 */
class WakingEventSourceTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private EmbeddedEventStore store;
    private EmbeddedEventStore otherNode;
    private EventArrivals arrivals;

    @AfterEach
    void close() {
        arrivals.close();
        store.shutDown();
        if (otherNode != null) {
            otherNode.shutDown();
        }
    }

    @Test
    void anEventAppendedHereWakesTheStreamWithoutWaitingForThePoll() throws Exception {
        store = EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(Duration.ofMinutes(10).toMillis()).build();
        arrivals = new EventArrivals(Duration.ofMinutes(10));
        Semaphore woken = new Semaphore(0);
        var stream = new WakingEventSource(store, arrivals).openStream(store.createTailToken());

        assertThat(stream.setOnAvailableCallback(woken::release)).as("the processor is told it need not poll").isTrue();

        assertThat(publishUntilWoken(store, woken)).as("woken by the append").isTrue();
        assertThat(stream.hasNextAvailable()).as("the event is there when woken").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("registered");
    }

    @Test
    void aClosedStreamIsNoLongerWoken() throws Exception {
        store = EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(Duration.ofMinutes(10).toMillis()).build();
        arrivals = new EventArrivals(Duration.ofMinutes(10));
        Semaphore woken = new Semaphore(0);
        Semaphore stillOpen = new Semaphore(0);
        var source = new WakingEventSource(store, arrivals);
        var closed = source.openStream(store.createTailToken());
        closed.setOnAvailableCallback(woken::release);
        source.openStream(store.createTailToken()).setOnAvailableCallback(stillOpen::release);
        closed.close();

        assertThat(publishUntilWoken(store, stillOpen)).isTrue();
        assertThat(woken.availablePermits()).isZero();
    }

    @Test
    void anEventAnotherNodeAppendedWakesTheStreamWithinThePollInterval() throws Exception {
        store = EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(200).build();
        otherNode = EmbeddedEventStore.builder().storageEngine(storage).build();
        arrivals = new EventArrivals(Duration.ofMinutes(10));
        Semaphore woken = new Semaphore(0);
        var stream = new WakingEventSource(store, arrivals).openStream(store.createTailToken());
        stream.setOnAvailableCallback(woken::release);

        assertThat(publishUntilWoken(otherNode, woken)).as("woken by the store's poll").isTrue();
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("registered");
    }

    /**
     * The watcher opens its stream at the head on its own thread, and an event appended before that is no news to
     * it: so events are appended until one wakes the stream, for at most ten seconds (the poll interval would be
     * minutes).
     */
    private static boolean publishUntilWoken(EmbeddedEventStore appender, Semaphore woken) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            appender.publish(GenericEventMessage.asEventMessage("registered"));
            if (woken.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }
}

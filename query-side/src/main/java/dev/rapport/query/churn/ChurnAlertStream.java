package dev.rapport.query.churn;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.rapport.platform.web.LiveStreams;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The subscribers of the live alert stream and the pushing of committed alert changes to them. Changes are
 * sent by one dispatcher thread, in the order they were committed, so a slow subscriber never holds up a
 * projection's transaction.
 */
@Component
public class ChurnAlertStream {

    static final String EVENT_NAME = "alert";

    private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "churn-alert-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final int maxSubscribers;
    private final long timeoutMillis;

    private final LiveStreams streams;

    ChurnAlertStream(ChurnProperties properties, LiveStreams streams) {
        this.streams = streams;
        this.maxSubscribers = properties.stream().maxSubscribers();
        this.timeoutMillis = properties.stream().timeout().toMillis();
    }

    /** A new subscription; {@link StreamFull} when the maximum number of subscribers is connected. */
    synchronized SseEmitter subscribe() {
        if (subscribers.size() >= maxSubscribers) {
            throw new StreamFull(maxSubscribers);
        }
        SseEmitter emitter = streams.track(new SseEmitter(timeoutMillis));
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> {
            subscribers.remove(emitter);
            emitter.complete();
        });
        emitter.onError(failure -> subscribers.remove(emitter));
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Sends the changes once the current transaction commits (nothing if it rolls back), at once without one. */
    void publishAfterCommit(List<ChurnAlertChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatch(changes);
                }
            });
        } else {
            dispatch(changes);
        }
    }

    /** To those subscribed when the changes committed: a later subscriber never gets an earlier change. */
    private void dispatch(List<ChurnAlertChange> changes) {
        List<SseEmitter> recipients = List.copyOf(subscribers);
        dispatcher.execute(() -> recipients.forEach(recipient -> send(recipient, changes)));
    }

    private void send(SseEmitter subscriber, List<ChurnAlertChange> changes) {
        try {
            for (ChurnAlertChange change : changes) {
                subscriber.send(SseEmitter.event().name(EVENT_NAME).data(change, MediaType.APPLICATION_JSON));
            }
        } catch (IOException | IllegalStateException gone) {
            // the container completes a failed emitter itself; it only has to leave the list
            subscribers.remove(subscriber);
        }
    }

    @PreDestroy
    void close() {
        dispatcher.shutdown();
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    /** 503 problem: too many subscribers; try again later. */
    static final class StreamFull extends ErrorResponseException {

        StreamFull(int maxSubscribers) {
            super(HttpStatus.SERVICE_UNAVAILABLE, problem(maxSubscribers), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
        }

        private static ProblemDetail problem(int maxSubscribers) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The alert stream already has its maximum of " + maxSubscribers + " subscribers");
            problem.setTitle("Too many subscribers");
            return problem;
        }
    }
}

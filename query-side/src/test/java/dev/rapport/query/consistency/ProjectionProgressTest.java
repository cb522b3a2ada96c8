package dev.rapport.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

/** A projection's committed batch is announced once, after the commit, and wakes a waiting query at once. */
class ProjectionProgressTest {

    private final ProjectionProgress progress = new ProjectionProgress();

    @Test
    void aBatchIsAnnouncedOnceAndOnlyAfterItsCommit() throws Exception {
        List<EventMessage<?>> batch = List.of(GenericEventMessage.asEventMessage("one"), GenericEventMessage.asEventMessage("two"));
        var unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> progress.handle(unitOfWork, () -> null));

        // executeWithResult commits the batch; each of its events passed the interceptor
        assertThat(progress.commits()).isEqualTo(1);
    }

    @Test
    void aRolledBackBatchIsNotAnnounced() {
        var unitOfWork = new BatchingUnitOfWork<>(List.<EventMessage<?>>of(GenericEventMessage.asEventMessage("one")));
        try {
            unitOfWork.executeWithResult(() -> progress.handle(unitOfWork, () -> {
                throw new IllegalStateException("the projection failed");
            }));
        } catch (Exception expected) {
            // rolled back
        }

        assertThat(progress.commits()).isZero();
    }

    @Test
    void aWaitingQueryIsWokenByACommitLongBeforeItsTimeout() {
        long seen = progress.commits();
        Thread committer = new Thread(() -> {
            sleepQuietly(200);
            progress.committed();
        });
        committer.start();

        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> progress.awaitCommitAfter(seen, TimeUnit.MINUTES.toNanos(10)));
        assertThat(progress.commits()).isEqualTo(seen + 1);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.rapport.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate open loop: request i is due at start + i / rate whatever happened to the ones before, and its latency is
 * counted from when it was due, so a slow answer cannot hide the requests that would have waited behind it (coordinated
 * omission). At most {@code maxInFlight} requests are outstanding; a request due beyond that is counted as dropped.
 */
final class OpenLoop {

    /** Sends request number i, due at {@code dueNanos}; completes with true when it succeeded. */
    interface Request {
        CompletableFuture<Boolean> send(long i, long dueNanos);
    }

    record Result(long sent, long ok, long failed, long dropped, double seconds) {
        double okPerSecond() {
            return ok / seconds;
        }
    }

    static Result run(double perSecond, Duration duration, int maxInFlight, Request request) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long dropped = 0;
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long i = 0;
        for (long due = start; due < end; due = start + ++i * interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                dropped++;
                continue;
            }
            request.send(i, due).whenComplete((success, error) -> {
                (error == null && success ? ok : failed).incrementAndGet();
                inFlight.release();
            });
        }
        // let the outstanding requests finish, they are part of the run
        inFlight.acquire(maxInFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(i, ok.get(), failed.get(), dropped, seconds);
    }
}

package dev.rapport.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** N clients, each sending its next request as soon as the previous one is answered, for a fixed time. */
final class ClosedLoop {

    /** One client's work: true when the operation succeeded. */
    interface Client {
        boolean next() throws Exception;
    }

    interface ClientFactory {
        Client create(int client) throws Exception;
    }

    /** What a run achieved: successful operations per second and their latencies. */
    record Result(long ok, long failed, double seconds, Latencies latencies) {
        double perSecond() {
            return ok / seconds;
        }
    }

    static Result run(int clients, Duration duration, ClientFactory factory) throws Exception {
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(factory.create(i));
        }
        Latencies latencies = new Latencies();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (Client client : all) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    if (client.next()) {
                        latencies.recordNanos(System.nanoTime() - t0);
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(ok.get(), failed.get(), seconds, latencies);
    }
}

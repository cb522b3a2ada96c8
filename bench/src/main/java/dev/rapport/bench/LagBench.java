package dev.rapport.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Figure 4 (lag): sales sent at a fixed rate; as soon as a sale is acknowledged, its customer's 360 is read with the
 * answer's consistency token. The query waits until the projection has the sale, so the read's own latency is the
 * delay from acknowledged to visible. Also the commands' latencies from when each was due.
 */
final class LagBench {

    record Result(OpenLoop.Result run, Latencies visibleAfter, Latencies command) {
    }

    static Result run(Api api, List<Customer> customers, double perSecond, Duration duration, long seed) throws InterruptedException {
        Latencies visible = new Latencies();
        Latencies command = new Latencies();
        Random random = new Random(seed);
        OpenLoop.Result run = OpenLoop.run(perSecond, duration, 512, (i, due) -> {
            Customer customer = customers.get(random.nextInt(customers.size()));
            String sale = """
                    {"orderId": "LAG-%d-%d", "channel": "WEB", "currency": "CNY", "occurredAt": "%s", "total": %d.%02d}""".formatted(
                    seed, i, Commands.pastInstant(random), 5 + random.nextInt(500), random.nextInt(100));
            return api.sendAsync(api.post("/api/customers/" + customer.id + "/sales", sale)).thenCompose(answer -> {
                long acknowledged = System.nanoTime();
                command.recordNanos(acknowledged - due);
                String token = answer.headers().firstValue(Api.TOKEN).orElse(null);
                if (answer.statusCode() != 201 || token == null) {
                    return CompletableFuture.completedFuture(false);
                }
                return api.sendAsync(api.get("/api/customers/" + customer.id, token)).thenApply((HttpResponse<String> read) -> {
                    if (read.statusCode() != 200) {
                        return false;
                    }
                    visible.recordNanos(System.nanoTime() - acknowledged);
                    return true;
                });
            });
        });
        return new Result(run, visible, command);
    }
}

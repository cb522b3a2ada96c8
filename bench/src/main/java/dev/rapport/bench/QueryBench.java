package dev.rapport.bench;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Figure 3 (query): at a fixed rate, alternately the customer 360 of a random customer and a filtered, sorted list page
 * (active customers who spent at least 100, by spend), latencies from when each request was due.
 */
final class QueryBench {

    static final String LIST = "/api/customers?status=ACTIVE&minSpend=100&sort=SPEND&size=20";

    record Result(OpenLoop.Result run, Latencies customer, Latencies list) {
    }

    static Result run(Api api, List<Customer> customers, double perSecond, Duration duration, long seed) throws InterruptedException {
        Latencies customer = new Latencies();
        Latencies list = new Latencies();
        Random random = new Random(seed);
        OpenLoop.Result run = OpenLoop.run(perSecond, duration, 1_000, (i, due) -> {
            boolean single = i % 2 == 0;
            String path = single ? "/api/customers/" + customers.get(random.nextInt(customers.size())).id : LIST;
            return api.sendAsync(api.get(path, null)).thenApply(response -> {
                (single ? customer : list).recordNanos(System.nanoTime() - due);
                return response.statusCode() == 200;
            });
        });
        return new Result(run, customer, list);
    }
}

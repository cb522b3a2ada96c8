package dev.rapport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The query and lag load generator in a JVM of its own (started by {@link ForkedLoad}), so that its CPU and garbage
 * collection are not charged to the application it measures. It warms up at the measured rate without recording,
 * tells its parent on stdout when the measured phase starts and ends (so the parent can read the application's CPU over
 * exactly that window), and writes its results, with its own CPU time over the window, to a properties file.
 * <p>
 * Arguments: {@code --load-client query|lag <base URL> <user> <rate> <seconds> <warm-up seconds> <seed> <customers file>
 * <result file>}; the password comes from the environment ({@value #PASSWORD_VARIABLE}), never the command line.
 */
final class LoadClient {

    static final String FLAG = "--load-client";
    static final String PASSWORD_VARIABLE = "RAPPORT_BENCH_PASSWORD";
    static final String MEASURING = "LOAD-CLIENT MEASURING";
    static final String MEASURED = "LOAD-CLIENT MEASURED";

    private LoadClient() {
    }

    static void main(String[] args) throws Exception {
        String kind = args[1];
        Api api = new Api(args[2], args[3], System.getenv(PASSWORD_VARIABLE));
        double rate = Double.parseDouble(args[4]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[5]));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args[6]));
        long seed = Long.parseLong(args[7]);
        List<Customer> customers = new ArrayList<>();
        for (String id : Files.readAllLines(Path.of(args[8]))) {
            customers.add(new Customer(customers.size(), id));
        }
        Properties result = new Properties();
        if (!warmUp.isZero()) {
            // another seed, so the warm-up's requests (and the lag run's order ids) differ from the measured ones
            measure(kind, api, customers, rate, warmUp, seed + 1);
        }
        Usage before = Usage.now();
        System.out.println(MEASURING);
        System.out.flush();
        Object measured = measure(kind, api, customers, rate, duration, seed);
        System.out.println(MEASURED);
        System.out.flush();
        Usage used = Usage.now().minus(before);
        if (measured instanceof QueryBench.Result query) {
            put(result, query.run());
            result.setProperty("customer", query.customer().encode());
            result.setProperty("list", query.list().encode());
        } else if (measured instanceof LagBench.Result lag) {
            put(result, lag.run());
            result.setProperty("visibleAfter", lag.visibleAfter().encode());
            result.setProperty("command", lag.command().encode());
        }
        result.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        result.setProperty("cpuNanos", Long.toString(used.cpuNanos()));
        result.setProperty("gcCount", Long.toString(used.gcCount()));
        result.setProperty("gcMillis", Long.toString(used.gcMillis()));
        try (Writer out = Files.newBufferedWriter(Path.of(args[9]))) {
            result.store(out, "load client results");
        }
    }

    private static Object measure(String kind, Api api, List<Customer> customers, double rate, Duration duration, long seed)
            throws InterruptedException {
        return switch (kind) {
            case "query" -> QueryBench.run(api, customers, rate, duration, seed);
            case "lag" -> LagBench.run(api, customers, rate, duration, seed);
            default -> throw new IllegalArgumentException("no load called " + kind);
        };
    }

    private static void put(Properties result, OpenLoop.Result run) {
        result.setProperty("sent", Long.toString(run.sent()));
        result.setProperty("ok", Long.toString(run.ok()));
        result.setProperty("failed", Long.toString(run.failed()));
        result.setProperty("dropped", Long.toString(run.dropped()));
        result.setProperty("seconds", Double.toString(run.seconds()));
    }

    /** This JVM's CPU time (every thread) and garbage collections so far. */
    record Usage(long cpuNanos, long gcCount, long gcMillis) {

        static Usage now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Usage(os.getProcessCpuTime(), count, millis);
        }

        Usage minus(Usage before) {
            return new Usage(cpuNanos - before.cpuNanos, gcCount - before.gcCount, gcMillis - before.gcMillis);
        }
    }

    static void writeCustomers(Path file, List<Customer> customers) {
        try {
            Files.write(file, customers.stream().map(customer -> customer.id).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

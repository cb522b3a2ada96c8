package dev.rapport.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark suite: starts Rapport in-process (random port, the embedded PostgreSQL under bench/target or a given
 * one), generates data through the command API, measures each figure and its baseline on the same database, and prints
 * the table (also written to bench/results). See bench/README.md.
 */
public final class Bench {

    private static final String USER = "bench";

    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals(LoadClient.FLAG)) {
                LoadClient.main(args);
                System.exit(0);
            }
            run(Options.parse(args), args);
            System.exit(0);
        } catch (Throwable failure) {
            // a bench that cannot finish must not leave the application (and its database) running
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Options options, String[] args) throws Exception {
        String password = UUID.randomUUID().toString();
        List<String> properties = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=bench",
                "--spring.application.name=rapport-bench", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--rapport.security.users." + USER + ".password={noop}" + password,
                "--rapport.security.users." + USER + ".roles=writer,reader,auditor,data-team",
                // the hourly segmentation and the churn evaluation would otherwise start in the middle of a measurement
                "--rapport.segments.initial-delay=PT24H", "--rapport.churn.evaluation-initial-delay=PT24H",
                // Ctrl-C or SIGTERM in the middle of a figure: the bench's own requests in flight need no graceful wait
                "--server.shutdown=immediate"));
        if (options.jdbcUrl() != null) {
            properties.add("--spring.datasource.url=" + options.jdbcUrl());
            properties.add("--spring.datasource.username=" + options.user());
            properties.add("--spring.datasource.password=" + options.password());
        } else {
            properties.add("--rapport.embedded-postgres.data-dir=" + options.dataDir());
        }
        System.out.println("Starting Rapport in-process (" + (options.jdbcUrl() != null ? options.jdbcUrl()
                : "embedded PostgreSQL in " + options.dataDir()) + ") ...");
        try (ConfigurableApplicationContext app = SpringApplication.run(BenchApplication.class, properties.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            Database database;
            try (Connection connection = app.getBean(DataSource.class).getConnection()) {
                database = new Database(connection.getMetaData().getURL(), connection.getMetaData().getUserName(),
                        options.jdbcUrl() != null ? options.password() : "");
            }
            Report report = new Report();
            new Bench(options, app, new Api(port, USER, password), database, report).run();
            String markdown = report.markdown(Report.machine(database.text("SELECT version()")
                    + ", fsync " + database.text("SHOW fsync") + ", synchronous_commit " + database.text("SHOW synchronous_commit")
                    + ", shared_buffers " + database.text("SHOW shared_buffers"), String.join(" ", args)));
            System.out.println();
            System.out.println(markdown);
            Path file = Report.write(options.results(), markdown);
            System.out.println("Written to " + file.toAbsolutePath());
        }
    }

    private final Options options;
    private final ConfigurableApplicationContext app;
    private final Api api;
    private final Database database;
    private final Report report;
    private final Commands commands;
    /** The live processors catching up after the last direct write, reported with the rebuild figures. */
    private RebuildBench.Timing catchUp;

    private Bench(Options options, ConfigurableApplicationContext app, Api api, Database database, Report report) {
        this.options = options;
        this.app = app;
        this.api = api;
        this.database = database;
        this.report = report;
        this.commands = new Commands(api);
    }

    private void run() throws Exception {
        List<Cdnow.Purchase> cdnow = options.cdnow() == null ? List.of() : Cdnow.read(options.cdnow());
        Generator generator = new Generator(commands, options.seed(), cdnow, database::events);
        DirectWriter writer = new DirectWriter(app, options.seed(), cdnow);
        Processors processors = new Processors(app);
        long deadlocksBefore = deadlocks();
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        boolean first = true;
        for (long scale : options.scales()) {
            List<Customer> customers;
            if (options.direct()) {
                long missing = scale - database.events();
                System.out.printf("%n== Scale %,d events: writing %,d events directly into the event store ...%n", scale, missing);
                if (missing > 0) {
                    processors.pausedDuring(() -> writer.write(missing));
                    report.add(new Report.Row(String.format("Direct write, %,d events (serialized, encrypted, chained; projections paused)", missing),
                            Report.num(missing / writer.seconds()) + " ev/s, " + String.format("%.0f s", writer.seconds()), "", "", "", null));
                }
                long[] statsBefore = catchUpStatistics();
                double seconds = processors.awaitHead(database::events, Math.max(missing, 0), postgresCpu()::cpuNanos);
                printCatchUpStatistics(statsBefore, catchUpStatistics(), Math.max(missing, 0));
                catchUp = missing > 0 ? new RebuildBench.Timing("catch-up", seconds, missing) : null;
                if (first) {
                    verifyChain();
                }
                customers = writer.customers;
                if (customers.isEmpty()) {
                    customers = reusedStoreCustomers(scale);
                }
            } else if (first && database.events() >= scale) {
                customers = reusedStoreCustomers(scale);
            } else {
                System.out.printf("%n== Scale %,d events: generating through the command API ...%n", scale);
                generator.generateUpTo(scale);
                customers = generator.customers;
            }
            settle();
            long events = database.events();
            if (options.runs("rebuild")) {
                rebuild(events);
            }
            if (options.runs("query")) {
                query(customers, events);
            }
            if (first) {
                first = false;
                AppendBench append = new AppendBench(commands, customers, database, options.duration(), options.seed());
                if (options.runs("append")) {
                    append(append);
                }
                if (options.runs("crud")) {
                    crud(append);
                }
                append.dropScratchTables();
                if (options.runs("lag")) {
                    lag(customers);
                }
            }
        }
        report.note("Commands refused during the run (kind, status, code): " + commands.failureSummary());
        report.note("Data: " + (options.direct() ? "written directly into the event store (DirectWriter)" : "generated through the command API")
                + "; the scheduled churn evaluation and segmentation were held off for the whole run (initial delay 24 h)");
        report.note("Deadlocks PostgreSQL detected during the run (pg_stat_database): " + (deadlocks() - deadlocksBefore));
        report.note(String.format("Load average (1 min) at the start and at the end of the run: %.1f, %.1f (other work on the machine "
                + "makes every figure noisier)", loadBefore, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private List<Customer> reusedStoreCustomers(long scale) throws java.sql.SQLException {
        List<Customer> customers = existingCustomers();
        System.out.printf("%n== Scale %,d events: the store already holds %,d; %,d customers read from customer_view%n", scale,
                database.events(), customers.size());
        report.note("The store was reused (--data-dir of an earlier run): its customers were read from customer_view, "
                + "without the generator's bookkeeping of their sales and complaints (meant for the query and lag figures)");
        return customers;
    }

    private List<Customer> existingCustomers() throws java.sql.SQLException {
        List<Customer> customers = new ArrayList<>();
        try (Connection connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT customer_id, membership_id FROM customer_view ORDER BY registered_at, customer_id")) {
            while (rows.next()) {
                Customer customer = new Customer(customers.size(), rows.getString(1));
                customer.membershipId = rows.getString(2);
                customers.add(customer);
            }
        }
        return customers;
    }

    /**
     * PostgreSQL's counters the live catch-up moves, load or not: committed transactions, statements that read the
     * dead-letter queue's table (index and sequential scans), token updates.
     */
    private long[] catchUpStatistics() {
        return new long[] {
                database.single("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
                database.single("SELECT coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0) FROM pg_stat_user_tables"
                        + " WHERE relname = 'dead_letter_entry'"),
                database.single("SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'token_entry'")};
    }

    private static void printCatchUpStatistics(long[] before, long[] after, long written) {
        if (written > 0) {
            System.out.printf("  PostgreSQL during the catch-up, per 1,000 events written: %.1f commits, %.1f reads of"
                            + " dead_letter_entry, %.1f token updates (statistics are sent with a delay of up to 0.5 s)%n",
                    (after[0] - before[0]) * 1000.0 / written, (after[1] - before[1]) * 1000.0 / written,
                    (after[2] - before[2]) * 1000.0 / written);
        }
    }

    private long deadlocks() {
        return database.single("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    /** GET /api/audit/verify must end with an intact chain over the whole log. */
    private void verifyChain() {
        long start = System.nanoTime();
        String body = api.send(api.get("/api/audit/verify", null, java.time.Duration.ofMinutes(30))).body().strip();
        String result = body.substring(body.lastIndexOf('\n') + 1);
        if (!Api.JSON.readTree(result).path("ok").asBoolean(false)) {
            throw new IllegalStateException("the hash chain does not verify after the direct write: " + result);
        }
        System.out.printf("  /api/audit/verify: %s (%.0f s)%n", result, (System.nanoTime() - start) / 1e9);
        report.note("Hash chain verified after the first write (GET /api/audit/verify): " + result);
    }

    private void append(AppendBench append) throws Exception {
        for (int clients : new int[] {8, 32}) {
            System.out.printf("%n== Append, %d clients, %d s each: Rapport over HTTP, then plain INSERTs ...%n", clients,
                    options.duration().toSeconds());
            ClosedLoop.Result rapport = append.rapport(clients, Mix.APPEND);
            settle();
            ClosedLoop.Result insert = append.insertBaseline(clients);
            double ratio = rapport.perSecond() / insert.perSecond();
            report.add(new Report.Row("Append, " + clients + " clients, commands/s (60% sales, 25% interactions, 10% redemptions, 5% complaint steps)",
                    Report.num(rapport.perSecond()) + " (" + rapport.failed() + " refused)", Report.num(insert.perSecond()) + " INSERT tx/s",
                    Report.pct(ratio), clients == 8 ? "≥ 40%" : "", clients == 8 ? ratio >= 0.4 : null));
            report.add(new Report.Row("Append, " + clients + " clients, latency p50 / p99 ms", latency(rapport.latencies()),
                    latency(insert.latencies()), ratioP99(rapport.latencies(), insert.latencies()), "", null));
        }
    }

    private void crud(AppendBench append) throws Exception {
        System.out.printf("%n== Versus CRUD, 8 clients, %d s each: sales through Rapport, then plain UPDATEs ...%n", options.duration().toSeconds());
        ClosedLoop.Result rapport = append.rapport(8, Mix.SALES_ONLY);
        settle();
        ClosedLoop.Result crud = append.crudBaseline(8);
        double cost = crud.perSecond() / rapport.perSecond();
        report.add(new Report.Row("Sale recorded, 8 clients: Rapport sales/s vs CRUD UPDATE tx/s (ratio = Rapport's cost per sale ×)",
                Report.num(rapport.perSecond()), Report.num(crud.perSecond()), String.format("%.1f×", cost), "≤ 1.5×", cost <= 1.5));
        report.add(new Report.Row("Sale recorded, 8 clients, latency p50 / p99 ms", latency(rapport.latencies()), latency(crud.latencies()),
                ratioP99(rapport.latencies(), crud.latencies()), "", null));
    }

    private void rebuild(long events) throws Exception {
        System.out.printf("%n== Rebuild, %,d events: baselines, then every projection in turn, then all at once ...%n", events);
        RebuildBench bench = new RebuildBench(api, database);
        RebuildBench.Timing read = bench.sequentialRead();
        RebuildBench.Timing copy = bench.copyOut();
        String scale = String.format("%,d events", events);
        report.add(new Report.Row("Baseline: " + read.projection() + ", " + scale, rate(read), "", "", "", null));
        report.add(new Report.Row("Baseline: COPY TO, " + scale, rate(copy), "", "", "", null));
        if (catchUp != null) {
            report.add(new Report.Row(String.format("Live catch-up of every processor after the direct write, %,d events", catchUp.events()),
                    rate(catchUp), Report.num(read.perSecond()) + " ev/s read", Report.pct(catchUp.perSecond() / read.perSecond()), "", null));
            catchUp = null;
        }
        double total = 0;
        List<String> projections = bench.projections();
        if (!options.projections().isEmpty()) {
            if (!projections.containsAll(options.projections())) {
                throw new IllegalArgumentException("--projections takes some of " + projections + ", not " + options.projections());
            }
            projections = options.projections();
        }
        for (String projection : projections) {
            RebuildBench.Timing timing = bench.inTurn(projection);
            total += timing.seconds();
            double ratio = timing.perSecond() / read.perSecond();
            report.add(new Report.Row("Rebuild " + projection + ", " + scale, rate(timing), Report.num(read.perSecond()) + " ev/s read",
                    Report.pct(ratio), "≥ 30,000 ev/s, ≥ 10%", timing.perSecond() >= 30_000 && ratio >= 0.1));
        }
        report.add(new Report.Row("Rebuild all " + projections.size() + " in turn, " + scale, String.format("%.1f s", total),
                String.format("%.1f s read", read.seconds()), String.format("%.0f×", total / read.seconds()), "", null));
        if (projections.size() > 1) {
            RebuildBench.Timing together = bench.concurrently(projections);
            report.add(new Report.Row("Rebuild all " + projections.size() + " at once, " + scale, String.format("%.1f s", together.seconds()),
                    String.format("%.1f s read", read.seconds()), String.format("%.0f×", together.seconds() / read.seconds()), "", null));
        }
        settle();
    }

    /**
     * The list's filter and sort read the 12-month figures the segmentation writes; the bench holds the scheduled run off,
     * so without this run every customer's would be zero and the list page empty.
     */
    private void segmentsOnce(String scale) throws Exception {
        long started = System.nanoTime();
        JsonNode answer = api.call(api.post("/api/admin/segments/recompute", "{}"));
        double seconds = (System.nanoTime() - started) / 1e9;
        String matching = database.text("SELECT count(*) FROM customer_view WHERE status = 'ACTIVE' AND net_spend_12m >= 100");
        System.out.printf("  segments recomputed for %s customers in %.1f s; the list's filter matches %s%n",
                answer.path("customers").asString(), seconds, matching);
        report.note(String.format("Segments recomputed once before the query phase at %s (POST /api/admin/segments/recompute, "
                + "%.1f s): the list's filter (status ACTIVE, 12-month net spend ≥ 100) matches %s customers", scale, seconds, matching));
    }

    private void query(List<Customer> customers, long events) throws Exception {
        System.out.printf("%n== Query at %.0f req/s for %d s (after %d s of warm-up), load generator %s ...%n", options.queryRate(),
                options.duration().toSeconds(), options.warmUp().toSeconds(), options.forkLoad() ? "in a JVM of its own" : "in-process");
        String scale = String.format("%,d events", events);
        segmentsOnce(scale);
        QueryBench.Result result;
        if (options.forkLoad()) {
            ForkedLoad.Outcome outcome = ForkedLoad.run("query", api, customers, options.queryRate(), options.duration(), options.warmUp(),
                    options.seed(), postgresCpu());
            result = new QueryBench.Result(outcome.run(), outcome.latencies("customer"), outcome.latencies("list"));
            cpuPerRequest("Query", "request", outcome, result.run().ok() + result.run().failed());
        } else {
            if (!options.warmUp().isZero()) {
                QueryBench.run(api, customers, options.queryRate(), options.warmUp(), options.seed() + 1);
            }
            result = QueryBench.run(api, customers, options.queryRate(), options.duration(), options.seed());
        }
        report.add(new Report.Row("Query throughput at " + Report.num(options.queryRate()) + " req/s offered, " + scale,
                Report.num(result.run().okPerSecond()) + " ok/s (" + result.run().failed() + " failed, " + result.run().dropped() + " dropped)",
                "", "", "", null));
        report.add(new Report.Row("GET /api/customers/{id} p50 / p99 ms, " + scale, latency(result.customer()), "", "", "p99 < 10 ms",
                result.customer().ms(99) < 10));
        report.add(new Report.Row("GET " + QueryBench.LIST + " p50 / p99 ms, " + scale, latency(result.list()), "", "", "p99 < 10 ms",
                result.list().ms(99) < 10));
    }

    private void lag(List<Customer> customers) throws Exception {
        System.out.printf("%n== Lag: sales at %.0f/s for %d s, each read back with its consistency token ...%n", options.lagRate(),
                options.duration().toSeconds());
        LagRun offered = lagRun("Lag", customers, options.lagRate(), options.seed());
        report.add(new Report.Row("Lag run: commands/s achieved of " + Report.num(options.lagRate()) + " offered",
                Report.num(offered.achieved()) + " (" + offered.result().run().failed() + " failed, " + offered.result().run().dropped()
                        + " dropped)", "", "", "1,000/s", offered.achieved() >= options.lagRate() * 0.99));
        report.add(new Report.Row("Lag: acknowledged → visible with token, p50 / p99 / max ms", visible(offered), "", "", "p99 < 50 ms",
                offered.result().visibleAfter().ms(99) < 50));
        report.add(new Report.Row("Lag run: command latency from due time, p50 / p99 ms", latency(offered.result().command()), "", "", "",
                null));
        report.add(gateRow("Lag", offered));
        boolean saturated = offered.achieved() < options.lagRate() * 0.99;
        if (saturated && options.lagSustained() > 0) {
            sustainedLag(customers, offered.achieved());
        }
    }

    /**
     * The lag itself, apart from saturation: the offered rate above was more than the machine sustains, so every read
     * queued behind other requests. Again at a fraction of the rate it achieved, with other order ids.
     */
    private void sustainedLag(List<Customer> customers, double capacity) throws Exception {
        double rate = Math.max(1, Math.floor(capacity * options.lagSustained()));
        String label = "Lag at " + Report.num(rate) + "/s (" + Report.pct(options.lagSustained()) + " of the " + Report.num(capacity)
                + "/s achieved above)";
        System.out.printf("%n== %s for %d s, each read back with its consistency token ...%n", label, options.duration().toSeconds());
        LagRun sustained = lagRun("Lag at " + Report.num(rate) + "/s", customers, rate, options.seed() + 100);
        report.add(new Report.Row(label + ": commands/s achieved",
                Report.num(sustained.achieved()) + " (" + sustained.result().run().failed() + " failed, "
                        + sustained.result().run().dropped() + " dropped)", "", "", "", null));
        report.add(new Report.Row(label + ": acknowledged → visible with token, p50 / p99 / max ms", visible(sustained), "", "",
                "(p99 < 50 ms at 1,000/s)", null));
        report.add(new Report.Row(label + ": command latency from due time, p50 / p99 ms", latency(sustained.result().command()), "", "",
                "", null));
        report.add(gateRow(label, sustained));
    }

    /** One lag run; with a forked load its CPU rows are reported under {@code figure}. */
    private LagRun lagRun(String figure, List<Customer> customers, double rate, long seed) throws Exception {
        LagBench.Result result;
        GateWaits before;
        GateWaits after;
        if (options.forkLoad()) {
            GateWaits[] window = new GateWaits[2];
            ForkedLoad.Outcome outcome = ForkedLoad.run("lag", api, customers, rate, options.duration(), options.warmUp(), seed,
                    postgresCpu(), measuring -> window[measuring ? 0 : 1] = GateWaits.of(app));
            result = new LagBench.Result(outcome.run(), outcome.latencies("visibleAfter"), outcome.latencies("command"));
            cpuPerRequest(figure, "sale and its read", outcome, result.command().count());
            before = window[0];
            after = window[1];
        } else {
            if (!options.warmUp().isZero()) {
                LagBench.run(api, customers, rate, options.warmUp(), seed + 1);
            }
            before = GateWaits.of(app);
            result = LagBench.run(api, customers, rate, options.duration(), seed);
            after = GateWaits.of(app);
        }
        return new LagRun(result, result.command().count() / result.run().seconds(), after.minus(before));
    }

    private record LagRun(LagBench.Result result, double achieved, GateWaits gate) {
    }

    private static String visible(LagRun run) {
        return latency(run.result().visibleAfter()) + String.format(" / %.1f", run.result().visibleAfter().maxMs());
    }

    private static Report.Row gateRow(String figure, LagRun run) {
        return new Report.Row(figure + ": of the read, waiting in the consistency gate for the projection (server), mean ms, "
                + "reads held", String.format("%.2f, %d", run.gate().meanMillis(), run.gate().count()), "", "", "", null);
    }

    private ForkedLoad.PostgresCpu postgresCpu() {
        return options.jdbcUrl() == null ? new ForkedLoad.PostgresCpu(options.dataDir()) : ForkedLoad.PostgresCpu.none();
    }

    /** CPU per request of the application's JVM, its PostgreSQL and the load client, over the measured window. */
    private void cpuPerRequest(String figure, String unit, ForkedLoad.Outcome outcome, long requests) {
        double per = Math.max(1, requests) * 1_000.0;
        String postgres = outcome.postgresCpuNanos() < 0 ? "n/a" : String.format("%.0f", outcome.postgresCpuNanos() / per);
        report.add(new Report.Row(figure + ": CPU µs per " + unit + ", application JVM / PostgreSQL / load client (its own JVM)",
                String.format("%.0f / %s / %.0f", outcome.app().cpuNanos() / per, postgres, outcome.client().cpuNanos() / per),
                "", "", "", null));
        report.add(new Report.Row(figure + ": garbage collections in the window, application / load client",
                String.format("%d (%d ms) / %d (%d ms)", outcome.app().gcCount(), outcome.app().gcMillis(), outcome.client().gcCount(),
                        outcome.client().gcMillis()), "", "", "", null));
    }

    /** Waits until the policies and projections stopped adding events (the log has not grown for two seconds). */
    private void settle() throws InterruptedException {
        long before = -1;
        long now = database.events();
        while (now != before) {
            Thread.sleep(2_000);
            before = now;
            now = database.events();
        }
    }

    private static String latency(Latencies latencies) {
        return String.format("%.1f / %.1f", latencies.ms(50), latencies.ms(99));
    }

    private static String ratioP99(Latencies value, Latencies baseline) {
        return String.format("p99 %.1f×", value.ms(99) / baseline.ms(99));
    }

    private static String rate(RebuildBench.Timing timing) {
        return String.format("%s ev/s, %.1f s", Report.num(timing.perSecond()), timing.seconds());
    }
}

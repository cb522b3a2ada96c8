package dev.rapport.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Runs the query or the lag load in a child JVM ({@link LoadClient}, started from the bench's own jar or class path) and
 * reads, over exactly its measured window, the CPU time of this JVM (the application: the bench's own thread only
 * waits meanwhile) and of PostgreSQL, next to the client's own.
 */
final class ForkedLoad {

    /** What one forked run measured: the client's results, and each process's CPU over the measured window. */
    record Outcome(Properties result, LoadClient.Usage client, LoadClient.Usage app, long postgresCpuNanos) {

        OpenLoop.Result run() {
            return new OpenLoop.Result(count("sent"), count("ok"), count("failed"), count("dropped"),
                    Double.parseDouble(result.getProperty("seconds")));
        }

        Latencies latencies(String name) {
            return Latencies.decode(result.getProperty(name));
        }

        private long count(String name) {
            return Long.parseLong(result.getProperty(name));
        }
    }

    private ForkedLoad() {
    }

    static Outcome run(String kind, Api api, List<Customer> customers, double rate, Duration duration, Duration warmUp, long seed,
                       PostgresCpu postgres) throws IOException, InterruptedException {
        return run(kind, api, customers, rate, duration, warmUp, seed, postgres, measuring -> { });
    }

    /** As above; {@code window} is told when the measured window starts (true) and ends (false), to read more of the application. */
    static Outcome run(String kind, Api api, List<Customer> customers, double rate, Duration duration, Duration warmUp, long seed,
                       PostgresCpu postgres, Consumer<Boolean> window) throws IOException, InterruptedException {
        Path customersFile = Files.createTempFile("rapport-bench-customers", ".txt");
        Path resultFile = Files.createTempFile("rapport-bench-load", ".properties");
        try {
            LoadClient.writeCustomers(customersFile, customers);
            List<String> command = new ArrayList<>(javaCommand());
            command.addAll(List.of(LoadClient.FLAG, kind, api.base, api.user, Double.toString(rate), Long.toString(duration.toSeconds()),
                    Long.toString(warmUp.toSeconds()), Long.toString(seed), customersFile.toString(), resultFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(LoadClient.PASSWORD_VARIABLE, api.password);
            Process client = builder.start();
            LoadClient.Usage appBefore = null;
            LoadClient.Usage appUsed = null;
            long postgresBefore = -1;
            long postgresUsed = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals(LoadClient.MEASURING)) {
                        window.accept(true);
                        appBefore = LoadClient.Usage.now();
                        postgresBefore = postgres.cpuNanos();
                    } else if (line.equals(LoadClient.MEASURED) && appBefore != null) {
                        appUsed = LoadClient.Usage.now().minus(appBefore);
                        long postgresAfter = postgres.cpuNanos();
                        postgresUsed = postgresBefore < 0 || postgresAfter < 0 ? -1 : postgresAfter - postgresBefore;
                        window.accept(false);
                    } else {
                        System.out.println("  [load client] " + line);
                    }
                }
            }
            int exit = client.waitFor();
            if (exit != 0 || appUsed == null) {
                throw new IllegalStateException("the load client failed (exit " + exit + ")");
            }
            Properties result = new Properties();
            try (Reader in = Files.newBufferedReader(resultFile)) {
                result.load(in);
            }
            LoadClient.Usage clientUsed = new LoadClient.Usage(Long.parseLong(result.getProperty("cpuNanos")),
                    Long.parseLong(result.getProperty("gcCount")), Long.parseLong(result.getProperty("gcMillis")));
            return new Outcome(result, clientUsed, appUsed, postgresUsed);
        } finally {
            Files.deleteIfExists(customersFile);
            Files.deleteIfExists(resultFile);
        }
    }

    /** The same java, with this JVM's jar (java -jar) or class path, to run {@link Bench#main} as a load client. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        // a small heap of its own: the client holds histograms and the requests in flight only
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        if (System.getProperty("sun.java.command", "").startsWith(classPath + " ") || System.getProperty("sun.java.command", "").equals(classPath)) {
            // started as java -jar: the Spring Boot jar's launcher finds the nested jars and runs Bench
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, Bench.class.getName()));
        }
        return command;
    }

    /** The CPU time of the embedded PostgreSQL (postmaster, its live backends and the children it has reaped), from /proc. */
    record PostgresCpu(Path dataDir) {

        /** Clock ticks per second of /proc/[pid]/stat: 100 on every Linux this runs on (USER_HZ). */
        private static final long TICKS = 100;

        static PostgresCpu none() {
            return new PostgresCpu(null);
        }

        /** Nanoseconds, or -1 when unknown (a given PostgreSQL, or no /proc). */
        long cpuNanos() {
            if (dataDir == null) {
                return -1;
            }
            try {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
                long ticks = ticks(postmaster, true);
                for (ProcessHandle backend : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
                    ticks += ticks(backend.pid(), false);
                }
                return ticks * (1_000_000_000L / TICKS);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** utime + stime (fields 14 and 15), with the reaped children's cutime + cstime (16 and 17). */
        private static long ticks(long pid, boolean withReapedChildren) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
            } catch (IOException e) {
                return 0; // a backend that has just exited: its time is in the postmaster's cutime now
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException("unreadable /proc/" + pid + "/stat", e));
            }
        }
    }
}

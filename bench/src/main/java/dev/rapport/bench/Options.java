package dev.rapport.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line (see bench/README.md). */
record Options(List<Long> scales, String jdbcUrl, String user, String password, Path cdnow, Set<String> only, Duration duration,
               long seed, Path dataDir, Path results, double queryRate, double lagRate, String writer,
               boolean forkLoad, Duration warmUp, double lagSustained, List<String> projections) {

    /** From this volume on the story is written directly into the event store unless --writer http says otherwise. */
    static final long DIRECT_FROM = 100_000;

    static final Set<String> FIGURES = Set.of("append", "rebuild", "query", "lag", "crud");

    static Options parse(String... args) {
        List<Long> scales = new ArrayList<>();
        String jdbcUrl = null;
        String user = "postgres";
        String password = "";
        Path cdnow = null;
        Set<String> only = new LinkedHashSet<>(FIGURES);
        Duration duration = Duration.ofSeconds(20);
        long seed = 42;
        Path dataDir = Path.of("bench/target/postgres-" + System.currentTimeMillis());
        Path results = Path.of("bench/results");
        double queryRate = 500;
        double lagRate = 1_000;
        String writer = null;
        boolean forkLoad = true;
        Duration warmUp = Duration.ofSeconds(3);
        double lagSustained = 0.5;
        List<String> projections = List.of();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--scale" -> {
                    for (String scale : value.split(",")) {
                        scales.add(volume(scale));
                    }
                }
                case "--jdbc-url" -> jdbcUrl = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--cdnow" -> cdnow = Path.of(value);
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(value.split(",")));
                    if (!FIGURES.containsAll(only)) {
                        throw new IllegalArgumentException("--only takes " + FIGURES + ", not " + value);
                    }
                }
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
                case "--seed" -> seed = Long.parseLong(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--query-rate" -> queryRate = Double.parseDouble(value);
                case "--lag-rate" -> lagRate = Double.parseDouble(value);
                case "--writer" -> {
                    if (!value.equals("http") && !value.equals("direct")) {
                        throw new IllegalArgumentException("--writer takes http or direct, not " + value);
                    }
                    writer = value;
                }
                case "--load" -> {
                    if (!value.equals("fork") && !value.equals("in-process")) {
                        throw new IllegalArgumentException("--load takes fork or in-process, not " + value);
                    }
                    forkLoad = value.equals("fork");
                }
                case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
                case "--lag-sustained" -> {
                    lagSustained = Double.parseDouble(value);
                    if (lagSustained < 0 || lagSustained >= 1) {
                        throw new IllegalArgumentException("--lag-sustained takes a fraction from 0 (off) to below 1, not " + value);
                    }
                }
                case "--projections" -> projections = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see bench/README.md)");
            }
            i++;
        }
        if (scales.isEmpty()) {
            scales.add(100_000L);
        }
        scales.sort(null);
        return new Options(scales, jdbcUrl, user, password, cdnow, only, duration, seed, dataDir.toAbsolutePath(), results, queryRate,
                lagRate, writer != null ? writer : scales.get(0) >= DIRECT_FROM ? "direct" : "http", forkLoad, warmUp, lagSustained,
                projections);
    }

    /** 100k, 1m, 5m, or a plain number of events. */
    static long volume(String scale) {
        String s = scale.trim().toLowerCase();
        if (s.endsWith("k")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000;
        }
        if (s.endsWith("m")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000_000;
        }
        return Long.parseLong(s);
    }

    boolean direct() {
        return writer.equals("direct");
    }

    boolean runs(String figure) {
        return only.contains(figure);
    }
}

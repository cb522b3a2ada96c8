package dev.rapport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run as a Markdown table: each with its baseline, their ratio, the target and whether it is met. */
final class Report {

    /** A figure; baseline and ratio may be absent, {@code met} null when there is no target. */
    record Row(String figure, String value, String baseline, String ratio, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println("  | " + row.figure() + " | " + row.value() + " | " + row.baseline() + " | " + row.ratio() + " |");
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  " + note);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.2f", value);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    String markdown(String machine) {
        StringBuilder out = new StringBuilder();
        out.append("## Rapport benchmark, ").append(Instant.now()).append("\n\n").append(machine).append("\n\n");
        out.append("| figure | value | baseline (same run, same database) | ratio | target | met? |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.figure()).append(" | ").append(row.value()).append(" | ").append(row.baseline()).append(" | ")
                    .append(row.ratio()).append(" | ").append(row.target()).append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\n");
            notes.forEach(note -> out.append("- ").append(note).append("\n"));
        }
        return out.toString();
    }

    static String machine(String postgresVersion, String options) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "Machine: %d cores, %.1f GB memory, %s %s; JVM %s %s (max heap %.1f GB); %s.%nOptions: %s",
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1e9, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, postgresVersion, options);
    }

    static Path write(Path directory, String markdown) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(Instant.now().toString().replace(':', '-') + ".md");
            Files.writeString(file, markdown);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.rapport.bench;

import org.HdrHistogram.ConcurrentHistogram;

/** Latencies in microseconds, up to a minute, three significant digits. */
final class Latencies {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(60_000_000L, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1_000, 60_000_000L)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds. */
    double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMs() {
        return histogram.getMaxValue() / 1_000.0;
    }

    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", ms(50), ms(99), maxMs());
    }
}

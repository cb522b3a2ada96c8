package dev.rapport.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.ConcurrentHistogram;

/** Latencies in microseconds, up to a minute, three significant digits. */
final class Latencies {

    private final ConcurrentHistogram histogram;

    Latencies() {
        this(new ConcurrentHistogram(60_000_000L, 3));
    }

    private Latencies(ConcurrentHistogram histogram) {
        this.histogram = histogram;
    }

    /** The recorded values as text, for a load client to hand them to its parent. */
    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Latencies decode(String encoded) {
        try {
            return new Latencies(ConcurrentHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

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

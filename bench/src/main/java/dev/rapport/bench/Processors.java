package dev.rapport.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.rapport.query.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.ApplicationContext;

/**
 * The application's streaming event processors as the bench needs them: the command side's policies (every streaming
 * processor that is not a projection) held while the direct writer writes and then moved past what it wrote, and every
 * processor waited for until it reached the head of the log.
 */
final class Processors {

    private final EventProcessingConfiguration processing;

    Processors(ApplicationContext app) {
        this.processing = app.getBean(EventProcessingConfiguration.class);
    }

    List<StreamingEventProcessor> streaming() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }

    List<StreamingEventProcessor> policies() {
        return streaming().stream().filter(p -> !Projections.NAMES.contains(p.getName())).toList();
    }

    /**
     * Runs {@code write} with every streaming processor stopped, so the write rate is the store's alone and the catch-up
     * afterwards can be timed; then sets the policies' tokens to the head (the writer already wrote what they would have
     * caused, a compensation's bonus points; for the rest, sales dated before the enrolment, they would do nothing at
     * the cost of a command per sale) and starts them all again.
     */
    void pausedDuring(Runnable write) {
        List<StreamingEventProcessor> all = streaming();
        List<StreamingEventProcessor> policies = policies();
        all.forEach(StreamingEventProcessor::shutDown);
        try {
            write.run();
        } finally {
            for (StreamingEventProcessor policy : policies) {
                policy.resetTokens(StreamableMessageSource::createHeadToken);
            }
            all.forEach(StreamingEventProcessor::start);
        }
        System.out.println("  policies moved past the written events: " + policies.stream().map(StreamingEventProcessor::getName).toList());
    }

    /**
     * Waits until every streaming processor has processed the log up to {@code head}, printing progress every 10 s;
     * the seconds it took.
     */
    double awaitHead(LongSupplier headNow) throws InterruptedException {
        return awaitHead(headNow, 0);
    }

    /** As {@link #awaitHead(LongSupplier)}, printing each processor's catch-up rate over the {@code written} events. */
    double awaitHead(LongSupplier headNow, long written) throws InterruptedException {
        return awaitHead(headNow, written, () -> -1);
    }

    /**
     * As {@link #awaitHead(LongSupplier, long)}, also printing the CPU time per written event of each processor's own
     * threads (coordinator and work packages), of the whole JVM and of PostgreSQL ({@code postgresCpuNanos}, -1 when
     * unknown): figures a loaded machine distorts much less than events/s.
     */
    double awaitHead(LongSupplier headNow, long written, LongSupplier postgresCpuNanos) throws InterruptedException {
        long head = headNow.getAsLong();
        long start = System.nanoTime();
        long cpuAtStart = jvmCpuNanos();
        long postgresAtStart = postgresCpuNanos.getAsLong();
        Map<String, ProcessorCpu> threadsAtStart = processorThreadCpu();
        long lastPrint = start;
        Set<String> atHead = new HashSet<>();
        long lastSlowest = slowest().position;
        System.out.printf("  waiting for %d processors to reach the head, %,d ...%n", streaming().size(), head);
        while (true) {
            for (StreamingEventProcessor processor : streaming()) {
                if (written > 0 && !atHead.contains(processor.getName()) && position(processor) >= head) {
                    atHead.add(processor.getName());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("  %s at the head after %.1f s: %,.0f events/s%n", processor.getName(), seconds, written / seconds);
                }
            }
            Position slowest = slowest();
            if (slowest.position >= head) {
                double seconds = (System.nanoTime() - start) / 1e9;
                long jvmCpu = jvmCpuNanos() - cpuAtStart;
                long postgresAtEnd = postgresCpuNanos.getAsLong();
                System.out.printf("  every processor at the head after %.0f s; JVM CPU %.1f s (load average %.1f)%n", seconds,
                        jvmCpu / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (written > 0) {
                    printCpuPerEvent(written, jvmCpu, postgresAtStart < 0 || postgresAtEnd < 0 ? -1 : postgresAtEnd - postgresAtStart,
                            threadsAtStart, processorThreadCpu());
                }
                return seconds;
            }
            long now = System.nanoTime();
            if (now - lastPrint >= 10_000_000_000L) {
                System.out.printf("  ... slowest: %s at %,d of %,d (%,.0f events/s)%n", slowest.processor, slowest.position, head,
                        (slowest.position - lastSlowest) / ((now - lastPrint) / 1e9));
                lastPrint = now;
                lastSlowest = slowest.position;
            }
            Thread.sleep(500);
        }
    }

    private record Position(String processor, long position) {
    }

    /** CPU nanoseconds of a processor's coordinator thread(s) and of its work packages' threads. */
    private record ProcessorCpu(long coordinator, long workPackages) {
    }

    private void printCpuPerEvent(long written, long jvmCpu, long postgresCpu, Map<String, ProcessorCpu> before,
                                  Map<String, ProcessorCpu> after) {
        System.out.printf("  CPU µs per event written: JVM %.1f, PostgreSQL %s%n", jvmCpu / 1e3 / written,
                postgresCpu < 0 ? "n/a" : String.format("%.1f", postgresCpu / 1e3 / written));
        for (String name : after.keySet().stream().sorted().toList()) {
            ProcessorCpu end = after.get(name);
            ProcessorCpu begin = before.getOrDefault(name, new ProcessorCpu(0, 0));
            System.out.printf("  CPU µs per event, %s: coordinator %.1f, work packages %.1f%n", name,
                    (end.coordinator - begin.coordinator) / 1e3 / written, (end.workPackages - begin.workPackages) / 1e3 / written);
        }
    }

    /**
     * The CPU time of every streaming processor's threads, by processor, from Axon's thread names
     * ({@code Coordinator[name]-n}, {@code WorkPackage[name]-n}); the pools keep their threads, so two snapshots subtract.
     */
    private Map<String, ProcessorCpu> processorThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, ProcessorCpu> cpu = new java.util.TreeMap<>();
        for (StreamingEventProcessor processor : streaming()) {
            cpu.put(processor.getName(), new ProcessorCpu(0, 0));
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String thread = info.getThreadName();
            int open = thread.indexOf('[');
            int close = thread.lastIndexOf(']');
            if (open < 0 || close < open) {
                continue;
            }
            ProcessorCpu sum = cpu.get(thread.substring(open + 1, close));
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (sum == null || nanos < 0) {
                continue;
            }
            boolean coordinator = thread.startsWith("Coordinator[");
            cpu.put(thread.substring(open + 1, close), new ProcessorCpu(sum.coordinator + (coordinator ? nanos : 0),
                    sum.workPackages + (coordinator ? 0 : nanos)));
        }
        return cpu;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The lowest position of the processor's segments; -1 while a segment is unclaimed. */
    private static long position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? -1 : Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            TrackingToken token = status.getTrackingToken();
            OptionalLong at = token == null ? OptionalLong.empty() : token.position();
            position = Math.min(position, at.orElse(-1));
        }
        return position;
    }

    /** The processor furthest behind and its position (the lowest of its segments'; -1 while a segment is unclaimed). */
    private Position slowest() {
        Position slowest = new Position("none", Long.MAX_VALUE);
        for (StreamingEventProcessor processor : streaming()) {
            long position = position(processor);
            if (position < slowest.position) {
                slowest = new Position(processor.getName(), position);
            }
        }
        return slowest;
    }
}

package dev.rapport.query.consistency;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rapport.platform.web.ConsistencyToken;
import dev.rapport.platform.web.NotYetConsistent;
import dev.rapport.query.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes: a query carrying a consistency token is held until the projections it reads have
 * processed that position, for at most the configured time; then it is answered 503 with Retry-After.
 * How long each such query was held is timed ({@value #WAIT_METRIC}, tagged {@code outcome=visible|timed-out}),
 * so the share of a read-your-writes read spent waiting for the projection is known apart from the read itself.
 */
@Component
public class ConsistencyGate implements HandlerInterceptor {

    /** Segments processed by another node commit unannounced here: their tokens are re-read this often. */
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    public static final String WAIT_METRIC = "rapport.consistency.wait";

    private final ProjectionPositions positions;
    private final ProjectionProgress progress;
    private final Duration timeout;
    private final Timer visible;
    private final Timer timedOut;

    ConsistencyGate(ProjectionPositions positions, ProjectionProgress progress,
                    @Value("${rapport.consistency.timeout:3s}") Duration timeout, MeterRegistry meters) {
        this.positions = positions;
        this.progress = progress;
        this.timeout = timeout;
        this.visible = waitTimer(meters, "visible");
        this.timedOut = waitTimer(meters, "timed-out");
    }

    private static Timer waitTimer(MeterRegistry meters, String outcome) {
        return Timer.builder(WAIT_METRIC).description("How long a query carrying a consistency token waited for the projections it reads")
                .tag("outcome", outcome).register(meters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws InterruptedException {
        String token = request.getHeader(ConsistencyToken.HEADER);
        if (token == null) {
            token = request.getParameter(ConsistencyToken.PARAMETER);
        }
        long position = ConsistencyToken.parse(token);
        if (position < 0 || !"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        long start = System.nanoTime();
        try {
            awaitProjections(projectionsReadBy(method), position);
        } catch (NotYetConsistent e) {
            timedOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
        visible.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return true;
    }

    private void awaitProjections(List<String> projections, long position) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var sequence = positions.sequenceAt(position);
        for (String projection : projections) {
            long seen = progress.commits(); // read before the tokens, so a commit in between is not missed
            while (!positions.hasProcessed(projection, position, sequence)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new NotYetConsistent(projection, position);
                }
                progress.awaitCommitAfter(seen, Math.min(POLL_NANOS, remaining));
                seen = progress.commits();
            }
        }
    }

    private static List<String> projectionsReadBy(HandlerMethod method) {
        ReadsFrom reads = method.getMethodAnnotation(ReadsFrom.class);
        if (reads == null) {
            reads = method.getBeanType().getAnnotation(ReadsFrom.class);
        }
        return reads == null ? Projections.NAMES : Arrays.asList(reads.value());
    }
}

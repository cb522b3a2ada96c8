package dev.rapport.query.consistency;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.rapport.platform.web.ConsistencyToken;
import dev.rapport.platform.web.NotYetConsistent;
import dev.rapport.query.Projections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes: a query carrying a consistency token is held until the projections it reads have
 * processed that position, for at most the configured time; then it is answered 503 with Retry-After.
 */
@Component
public class ConsistencyGate implements HandlerInterceptor {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ProjectionPositions positions;
    private final Duration timeout;

    ConsistencyGate(ProjectionPositions positions, @Value("${rapport.consistency.timeout:3s}") Duration timeout) {
        this.positions = positions;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String token = request.getHeader(ConsistencyToken.HEADER);
        if (token == null) {
            token = request.getParameter(ConsistencyToken.PARAMETER);
        }
        long position = ConsistencyToken.parse(token);
        if (position < 0 || !"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        awaitProjections(projectionsReadBy(method), position);
        return true;
    }

    private void awaitProjections(List<String> projections, long position) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var sequence = positions.sequenceAt(position);
        for (String projection : projections) {
            while (!positions.hasProcessed(projection, position, sequence)) {
                if (System.nanoTime() > deadline) {
                    throw new NotYetConsistent(projection, position);
                }
                LockSupport.parkNanos(POLL_NANOS);
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

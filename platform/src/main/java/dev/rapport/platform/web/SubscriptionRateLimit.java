package dev.rapport.platform.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * At most {@code rapport.limits.subscriptions-per-minute} new live subscriptions (handlers answering an
 * {@link SseEmitter}) per user in any sliding minute; above it {@link TooManySubscriptions} (429 with
 * Retry-After). The per-node maximum of open subscribers is a separate, existing limit.
 */
public class SubscriptionRateLimit implements HandlerInterceptor {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public SubscriptionRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && SseEmitter.class.isAssignableFrom(method.getMethod().getReturnType())) {
            Principal user = request.getUserPrincipal();
            admit(user == null ? "anonymous" : user.getName());
        }
        return true;
    }

    private void admit(String user) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(user, name -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                long wait = Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1);
                throw new TooManySubscriptions(perMinute, wait);
            }
            times.addLast(now);
        }
    }
}

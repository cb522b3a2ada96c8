package dev.rapport.command.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rapport.platform.web.CommandMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes every command endpoint idempotent for clients that send an {@code Idempotency-Key}: the first
 * request with a key (per actor) runs and its answer is stored; repeats of the same request get that
 * answer back (header {@code Idempotent-Replayed: true}) without running again, and a repeat that arrives
 * while the first still runs waits for it. The same key with a different request (method, path, query,
 * body) is refused 422 {@code idempotency-key-reused}. Answers worth retrying (5xx, 409 conflicts) are not
 * stored, so a retry with the same key runs the command again.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 200;
    private static final long POLL_MILLIS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, IdempotencyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String key = request.getHeader(CommandMetadata.IDEMPOTENCY_HEADER);
        return key == null || key.isBlank() || !COMMAND_METHODS.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(CommandMetadata.IDEMPOTENCY_HEADER).strip();
        if (key.length() > MAX_KEY_LENGTH) {
            problem(response, HttpStatus.BAD_REQUEST, "Invalid request", "invalid-idempotency-key",
                    "An Idempotency-Key is at most " + MAX_KEY_LENGTH + " characters");
            return;
        }
        String actor = String.valueOf(CommandMetadata.from(request).get(CommandMetadata.ACTOR));
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = fingerprint(request, body);
        Instant giveUp = clock.instant().plus(properties.waitTimeout());
        while (true) {
            if (store.claim(actor, key, fingerprint)) {
                runAndStore(new CachedBodyRequest(request, body), response, chain, actor, key);
                return;
            }
            Optional<IdempotencyStore.Entry> entry = store.find(actor, key);
            if (entry.isEmpty()) {
                continue; // the first request failed and let go of the key: this one may run
            }
            if (!entry.get().fingerprint().equals(fingerprint)) {
                problem(response, HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused", "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request");
                return;
            }
            if (entry.get().response().isPresent()) {
                replay(entry.get().response().get(), response);
                return;
            }
            if (clock.instant().isAfter(giveUp)) {
                response.setHeader("Retry-After", "1");
                problem(response, HttpStatus.CONFLICT, "Request in progress", "idempotent-request-in-progress",
                        "A request with this Idempotency-Key is still being processed; retry later");
                return;
            }
            pause();
        }
    }

    private void runAndStore(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                             String actor, String key) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            store.release(actor, key);
            throw e;
        }
        int status = recorded.getStatus();
        if (status >= 500 || status == HttpStatus.CONFLICT.value()) {
            store.release(actor, key);
        } else {
            store.complete(actor, key, new StoredResponse(status, headersOf(recorded), recorded.getContentAsByteArray()));
        }
        recorded.copyBodyToResponse();
    }

    private static Map<String, String> headersOf(ContentCachingResponseWrapper response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : StoredResponse.REPLAYED_HEADERS) {
            String value = name.equals("Content-Type") ? response.getContentType() : response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String title, String code, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + ' ' + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + '\n';
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() throws ServletException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for the first request with this Idempotency-Key", e);
        }
    }
}

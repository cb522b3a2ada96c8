package dev.rapport.platform.web;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;

/**
 * The metadata every command (and so every event it causes) carries: who issued it, from which
 * channel or source system, the correlation id that ties a whole conversation together, and the
 * client's idempotency key when it sent one. {@link MessageLineage} copies these onto each event.
 */
public final class CommandMetadata {

    public static final String ACTOR = "actor";
    public static final String SOURCE = "source";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String SOURCE_HEADER = "X-Source-System";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final String DEFAULT_SOURCE = "rapport-api";
    private static final String ANONYMOUS = "anonymous";
    private static final int MAX_LENGTH = 200;

    private CommandMetadata() {
    }

    public static MetaData from(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        String actor = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : header(request, ACTOR_HEADER);
        values.put(ACTOR, actor != null ? actor : ANONYMOUS);
        String source = header(request, SOURCE_HEADER);
        values.put(SOURCE, source != null ? source : DEFAULT_SOURCE);
        String correlation = header(request, CORRELATION_HEADER);
        values.put(CORRELATION_ID, correlation != null ? correlation : UUID.randomUUID().toString());
        String idempotencyKey = header(request, IDEMPOTENCY_HEADER);
        if (idempotencyKey != null) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return MetaData.from(values);
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value.strip();
    }
}

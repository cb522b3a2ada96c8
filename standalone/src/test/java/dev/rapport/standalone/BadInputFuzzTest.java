package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.rapport.query.consistency.ProjectionPositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every endpoint of the API, found in Spring's handler mappings (so a new one is covered without
 * touching this test), gets malformed and hostile input: wrong JSON types and missing values for each
 * field of its body (shapes derived from the request records), huge and strange strings, extreme
 * numbers and dates, injection strings, unknown enum values, bad path variables, query parameters and
 * headers. Every answer must be a 4xx problem+json (or a 2xx for input that is in fact valid), never a
 * 5xx, and a refused request must leave the event log as it was. What was accepted must not poison a
 * projection either: afterwards every processor reaches the head of the log.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class BadInputFuzzTest {

    private static final long SEED = 20260412L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HUGE = "x".repeat(1024 * 1024);
    private static final List<String> HOSTILE_STRINGS = List.of(
            "", " ", "\u0000", "nul\u0000inside", "😀🎉👨‍👩‍👧‍👦", "\u202Eevil\u202C", "مرحبا بالعالم", "𝕳𝖊𝖑𝖑𝖔",
            "' OR '1'='1' --", "'; DROP TABLE domain_event_entry; --", "\"}, {\"injected\": true", "${jndi:ldap://x}",
            "<script>alert(1)</script>", "../../../../etc/passwd", "%00%0d%0a", "\uD800", "a".repeat(10_000));
    private static final List<String> BAD_PATH_VALUES = List.of(
            "nobody", "0", "-1", "%00", "%20", "..%2F..%2Fetc", "%27%20OR%201%3D1--", "%F0%9F%98%80", "%E2%80%AE",
            "a".repeat(2000), "null", "%7B%7D");
    private static final List<String> BAD_QUERY_VALUES = List.of(
            "", "-1", "0", "2147483648", "99999999999999999999", "abc", "1e309", "NaN", "not-a-cursor", "eyJ4Ijoi",
            "2026-13-45T99:99:99Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "' OR 1=1--",
            "\u0000", "😀", "\u202E", "NOT_A_VALUE", "a".repeat(5000));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    record Attempt(Endpoint endpoint, String what, String path, String body, Map<String, String> headers, boolean mustBeRefused) {
    }

    record Finding(Attempt attempt, int status, String contentType, String problem) {
    }

    @Test
    void everyEndpointRefusesBadInputWithProblemDetailsAndNeverFails() {
        Http http = new Http(port);
        Map<String, String> ids = existingIds(http);
        Random random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(40);

        List<Finding> findings = new ArrayList<>();
        int sent = 0;
        Instant started = Instant.now();
        for (Endpoint endpoint : endpoints) {
            for (Attempt attempt : attempts(endpoint, ids, random)) {
                boolean command = attempt.endpoint().method() != RequestMethod.GET;
                long eventsBefore = command ? events() : 0;
                Http.Response response = send(http, attempt);
                sent++;
                boolean accepted = response.status() < 400;
                String problem = null;
                if (response.status() >= 500 && !notYetConsistent(response)) {
                    problem = "server error";
                } else if (!accepted && !response.contentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                    problem = "refused without problem+json";
                } else if (accepted && attempt.mustBeRefused()) {
                    problem = "accepted invalid input";
                } else if (command && !accepted && events() != eventsBefore) {
                    problem = "refused but the event log changed";
                }
                if (command && accepted) {
                    settledEvents();
                }
                if (problem != null) {
                    findings.add(new Finding(attempt, response.status(), response.contentType(), problem
                            + ": " + abbreviate(response.body())));
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.printf("Fuzzed %d endpoints with %d requests in %s%n", endpoints.size(), sent, took);
        assertThat(findings).as("%d requests; findings:%n%s", sent, String.join("\n", findings.stream()
                .map(f -> f.attempt().endpoint() + " [" + f.attempt().what() + "] " + abbreviate(f.attempt().path())
                        + " -> " + f.status() + " " + f.contentType() + " " + f.problem())
                .toList())).isEmpty();
        long head = events() == 0 ? 0 : jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        List<String> processors = jdbc.sql("SELECT DISTINCT processor_name FROM token_entry").query(String.class).list();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(processors)
                .as("processors stuck on an accepted event")
                .allMatch(processor -> positions.hasProcessed(processor, head, java.util.Optional.empty())));
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            boolean streams = info.getProducesCondition().getProducibleMediaTypes().contains(MediaType.TEXT_EVENT_STREAM);
            if (streams) {
                continue; // live streams never end; their inputs are the same ids the other endpoints take
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method, pattern, mapping.getValue()));
                }
            }
        }
        endpoints.sort((a, b) -> a.toString().compareTo(b.toString()));
        return endpoints;
    }

    private List<Attempt> attempts(Endpoint endpoint, Map<String, String> ids, Random random) {
        List<Attempt> attempts = new ArrayList<>();
        String validPath = expand(endpoint.pattern(), ids, null, null);
        Class<?> bodyType = bodyType(endpoint.handler());
        ObjectNode validBody = bodyType == null ? null : (ObjectNode) valid(bodyType, bodyType, 0);
        String body = validBody == null ? null : validBody.toString();

        // path variables, one at a time
        for (String variable : pathVariables(endpoint.pattern())) {
            for (String bad : BAD_PATH_VALUES) {
                attempts.add(new Attempt(endpoint, "path " + variable + "=" + abbreviate(bad),
                        expand(endpoint.pattern(), ids, variable, bad), body, Map.of(), false));
            }
        }
        // query parameters, one at a time
        for (String parameter : requestParameters(endpoint.handler())) {
            for (String bad : BAD_QUERY_VALUES) {
                attempts.add(new Attempt(endpoint, "query " + parameter + "=" + abbreviate(bad),
                        validPath + "?" + parameter + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), body, Map.of(), false));
            }
        }
        // headers every endpoint reads
        for (String token : List.of("abc", "-1", "99999999999999999999", "1e3")) {
            attempts.add(new Attempt(endpoint, "consistency token " + token, validPath, body,
                    Map.of("X-Consistency-Token", token), false));
        }
        attempts.add(new Attempt(endpoint, "huge idempotency key", validPath, body, Map.of("Idempotency-Key", "k".repeat(5000)), false));
        attempts.add(new Attempt(endpoint, "huge actor", validPath, body, Map.of("X-Actor", "a".repeat(5000)), false));
        if (bodyType == null) {
            return attempts;
        }
        // whole bodies
        for (String bad : List.of("", "null", "[]", "{", "not json", "\"a string\"", "42", "{\"a\":", "[".repeat(5000) + "]".repeat(5000),
                "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            attempts.add(new Attempt(endpoint, "body " + abbreviate(bad), validPath, bad, Map.of(), true));
        }
        // each field of the body: missing, null, wrong types, hostile values
        for (RecordComponent component : bodyType.getRecordComponents()) {
            String field = component.getName();
            Class<?> type = component.getType();
            for (Map.Entry<String, JsonNode> mutation : mutations(type, random).entrySet()) {
                ObjectNode mutated = validBody.deepCopy();
                if (mutation.getValue() == null) {
                    mutated.remove(field);
                } else {
                    mutated.set(field, mutation.getValue());
                }
                boolean mustBeRefused = mutation.getKey().startsWith("!");
                attempts.add(new Attempt(endpoint, field + " " + mutation.getKey(), validPath, mutated.toString(), Map.of(), mustBeRefused));
            }
        }
        return attempts;
    }

    /** Mutations for a field of a type; a key starting with '!' is never valid. A null value removes the field. */
    private Map<String, JsonNode> mutations(Class<?> type, Random random) {
        Map<String, JsonNode> mutations = new LinkedHashMap<>();
        mutations.put("missing", null);
        mutations.put("null", NODES.nullNode());
        mutations.put("!object for " + type.getSimpleName(), isStructured(type) ? NODES.numberNode(7) : NODES.objectNode().put("nested", 1));
        mutations.put("array", NODES.arrayNode().add("x"));
        mutations.put("boolean", NODES.booleanNode(true));
        if (type == String.class) {
            mutations.put("huge string", NODES.stringNode(random.nextInt(4) == 0 ? HUGE : HUGE.substring(0, 100_000)));
            for (int i = 0; i < 6; i++) { // a seeded sample per field keeps the run short; every string is used somewhere
                String hostile = HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size()));
                mutations.put("string " + abbreviate(hostile), NODES.stringNode(hostile));
            }
            mutations.put("number", NODES.numberNode(123));
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            mutations.put("!text for number", NODES.stringNode("abc"));
            mutations.put("negative", NODES.numberNode(-1));
            mutations.put("zero", NODES.numberNode(0));
            mutations.put("huge", NODES.numberNode(new BigDecimal("1e400")));
            mutations.put("long overflow", NODES.numberNode(new BigDecimal("99999999999999999999999")));
            mutations.put("fraction", NODES.numberNode(new BigDecimal("0.0000000001")));
            mutations.put("random", NODES.numberNode(random.nextLong()));
        } else if (type.isEnum()) {
            mutations.put("!unknown enum value", NODES.stringNode("NOT_A_VALUE"));
            mutations.put("lower case enum", NODES.stringNode(type.getEnumConstants()[0].toString().toLowerCase()));
            mutations.put("!number for enum", NODES.numberNode(999));
        } else if (type == Instant.class || type == LocalDate.class) {
            for (String date : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-02-30", "2026-02-30T10:00:00Z")) {
                mutations.put("date " + date, NODES.stringNode(type == LocalDate.class && date.length() > 10 ? date.substring(0, 10) : date));
            }
            mutations.put("!malformed date", NODES.stringNode("yesterday"));
            mutations.put("epoch number", NODES.numberNode(-99999999999999L));
        } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            mutations.put("!text for collection", NODES.stringNode("x"));
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 10_000; i++) {
                many.add("item-" + i);
            }
            mutations.put("ten thousand items", many);
        }
        return mutations;
    }

    private static boolean isStructured(Class<?> type) {
        return type.isRecord() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }

    /** A plausible value for a type: the body every mutation starts from. */
    private JsonNode valid(Type type, Class<?> raw, int depth) {
        if (raw == String.class) {
            return NODES.stringNode("fuzz");
        } else if (raw == boolean.class || raw == Boolean.class) {
            return NODES.booleanNode(false);
        } else if (raw == BigDecimal.class) {
            return NODES.numberNode(new BigDecimal("10.00"));
        } else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return NODES.numberNode(1);
        } else if (raw.isEnum()) {
            return NODES.stringNode(((Enum<?>) raw.getEnumConstants()[0]).name());
        } else if (raw == Instant.class) {
            return NODES.stringNode("2026-01-10T08:00:00Z");
        } else if (raw == LocalDate.class) {
            return NODES.stringNode("2026-01-10");
        } else if (raw == java.util.Currency.class) {
            return NODES.stringNode("EUR");
        } else if (Collection.class.isAssignableFrom(raw)) {
            ArrayNode array = NODES.arrayNode();
            if (type instanceof ParameterizedType parameterized && depth < 3
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
                array.add(valid(element, element, depth + 1));
            }
            return array;
        } else if (Map.class.isAssignableFrom(raw)) {
            return NODES.objectNode();
        } else if (raw.isRecord() && depth < 4) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(), valid(component.getGenericType(), component.getType(), depth + 1));
            }
            return object;
        }
        return NODES.nullNode();
    }

    private static Class<?> bodyType(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    private static List<String> requestParameters(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (var parameter : handler.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null) {
                String name = !annotation.name().isEmpty() ? annotation.name() : !annotation.value().isEmpty() ? annotation.value()
                        : parameter.getParameterName();
                if (name != null) {
                    names.add(name);
                }
            } else if (!parameter.hasParameterAnnotation(PathVariable.class) && !parameter.hasParameterAnnotation(RequestBody.class)
                    && parameter.getParameterType().isRecord()) {
                // a query object (filters): its components are query parameters
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        names.add("after");
        return names;
    }

    private static List<String> pathVariables(String pattern) {
        List<String> names = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The pattern with real ids of existing things, one variable optionally replaced by a bad value. */
    private static String expand(String pattern, Map<String, String> ids, String badVariable, String badValue) {
        var matcher = java.util.regex.Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals(badVariable) ? badValue : ids.getOrDefault(name, "fuzz");
            matcher.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private Map<String, String> existingIds(Http http) {
        String customerId = http.post("/api/customers", "{\"displayName\": \"Fuzz Target\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
        String membershipId = http.post("/api/customers/" + customerId + "/membership", "", Map.of()).json().get("membershipId").asString();
        String saleId = http.post("/api/customers/" + customerId + "/sales", """
                {"orderId": "FUZZ-1", "channel": "WEB", "currency": "EUR", "occurredAt": "2026-01-10T08:00:00Z",
                 "lines": [{"productId": "P-1", "category": "music", "quantity": 1, "unitPrice": 10.00}]}""", Map.of())
                .json().get("saleId").asString();
        Http.Response complaint = http.post("/api/customers/" + customerId + "/complaints",
                "{\"category\": \"PRODUCT\", \"severity\": \"LOW\", \"description\": \"fuzz\"}", Map.of());
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("customerId", customerId);
        ids.put("id", customerId);
        ids.put("membershipId", membershipId);
        ids.put("saleId", saleId);
        if (complaint.status() == 201) {
            ids.put("complaintId", complaint.json().get("complaintId").asString());
        }
        ids.put("name", "customer-view");
        ids.put("processingGroup", "customer-view");
        ids.put("channel", "EMAIL");
        ids.put("key", "favourite-genre");
        return ids;
    }

    private static Http.Response send(Http http, Attempt attempt) {
        String path = attempt.path();
        Map<String, String> headers = attempt.headers();
        String body = attempt.body() == null ? "" : attempt.body();
        return switch (attempt.endpoint().method()) {
            case GET -> http.get(path, headers);
            case DELETE -> http.delete(path);
            case PUT -> http.put(path, body, headers);
            default -> http.post(path, body, headers);
        };
    }

    /** A consistency token ahead of the projections is answered 503 with Retry-After, as documented. */
    private static boolean notYetConsistent(Http.Response response) {
        return response.status() == 503 && response.header("Retry-After") != null
                && response.body().contains("Not yet consistent");
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** The event count once policies reacting to earlier commands (points for a sale, ...) have stored theirs. */
    private long settledEvents() {
        long[] last = {events()};
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(25)).pollInterval(Duration.ofMillis(25)).until(() -> {
            long now = events();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String printable = text.replace("\u0000", "\\0").replace("\n", " ");
        return printable.length() > 60 ? printable.substring(0, 60) + "…(" + text.length() + ")" : printable;
    }
}

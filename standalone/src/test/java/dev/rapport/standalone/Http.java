package dev.rapport.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP client for tests that drive Rapport the way an API client does. It authenticates with HTTP Basic as
 * the test user holding every role (standalone/src/test/resources/config/application.properties) unless made
 * {@link #as(String, String) someone else} or {@link #anonymous()}.
 */
final class Http {

    static final String TEST_USER = "test";
    static final String TEST_PASSWORD = "test-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Http(int port) {
        this("http://localhost:" + port, basic(TEST_USER, TEST_PASSWORD));
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same server, as another user. */
    Http as(String user, String password) {
        return new Http(base, basic(user, password));
    }

    /** The same server, without credentials. */
    Http anonymous() {
        return new Http(base, null);
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Any method; a body (JSON) when {@code json} is not null. */
    Response send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request, headers);
    }

    Response get(String path) {
        return get(path, Map.of());
    }

    Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), Map.of());
    }

    Response post(String path, String json, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    Response put(String path, String json, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    /** A POST whose body is streamed without Content-Length (chunked). */
    Response postChunked(String path, String json) {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", "application/json"), Map.of());
    }

    /**
     * The answer to a live stream (SSE) request; the stream is closed at once, only a refusal's body is read. A stream may answer only
     * with its first event, so {@code meanwhile} runs after the request is sent, to cause one.
     */
    Response stream(String path, Runnable meanwhile) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            meanwhile.run();
            HttpResponse<java.io.InputStream> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            // a refusal is a finite body: read it; a stream is not
            String body = "";
            try (java.io.InputStream in = response.body()) {
                if (response.statusCode() >= 400) {
                    body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return new Response(response.statusCode(), body, response.headers().firstValue("Content-Type").orElse(""), null,
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            throw new IllegalStateException("no answer from " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        if (authorization != null && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, String contentType, String location, Map<String, java.util.List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}

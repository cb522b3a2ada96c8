package dev.rapport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rapport's HTTP API as the bench drives it: HTTP/1.1, Basic authentication as the bench user. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = "X-Consistency-Token";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    final String base;
    final String user;
    final String password;
    private final String authorization;

    Api(int port, String user, String password) {
        this("http://localhost:" + port, user, password);
    }

    Api(String base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest post(String path, String json) {
        return request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build();
    }

    HttpRequest put(String path, String json) {
        return request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build();
    }

    HttpRequest get(String path, String consistencyToken) {
        return get(path, consistencyToken, Duration.ofSeconds(60));
    }

    HttpRequest get(String path, String consistencyToken, Duration timeout) {
        HttpRequest.Builder request = request(path).timeout(timeout).GET();
        if (consistencyToken != null) {
            request.header(TOKEN, consistencyToken);
        }
        return request.build();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request that must succeed; its JSON answer. */
    JsonNode call(HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", authorization);
    }
}

package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Read-your-writes: a query that sends back a command's consistency token always sees that command's effect. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "rapport.consistency.timeout=1s"})
class ConsistencyTokenTest {

    @LocalServerPort
    int port;

    @Test
    void everyWriteIsVisibleToAReadThatPassesItsToken() throws Exception {
        Http http = new Http(port);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            var created = http.post("/api/customers", "{\"displayName\": \"Reader " + i + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
            String token = created.header("X-Consistency-Token");
            assertThat(token).as("command answers carry a consistency token").matches("\\d+");
            String id = created.json().get("customerId").asString();

            var read = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers/" + id))
                    .header("X-Consistency-Token", token)
                    .header("Authorization", Http.basic(Http.TEST_USER, Http.TEST_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("read %d", i).isEqualTo(200);

            var updated = http.put("/api/customers/" + id + "/profile",
                    "{\"displayName\": \"Reader " + i + "\", \"type\": \"INDIVIDUAL\", \"email\": \"r" + i + "@example.com\"}", Map.of());
            var reread = http.get("/api/customers/" + id + "?after=" + updated.header("X-Consistency-Token"));
            assertThat(reread.json().get("email").asString()).isEqualTo("r" + i + "@example.com");
        }
    }

    @Test
    void aPositionTheProjectionCannotReachInTimeIs503WithRetryAfter() {
        var response = new Http(port).get("/api/customers/anyone?after=999999999");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMalformedTokenIs400() {
        assertThat(new Http(port).get("/api/customers/anyone?after=yesterday").status()).isEqualTo(400);
    }
}

package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code rapport.security.mode=oauth2}: JWTs checked against a configured RSA public key, roles from a nested claim
 * ({@code realm_access.roles}, as Keycloak puts them). The key pair and the tokens are made here, signed with Nimbus.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "rapport.security.mode=oauth2", "rapport.security.oauth2.roles-claim=realm_access.roles"})
class OAuth2ResourceServerTest {

    private static final KeyPair ISSUER = rsa();
    private static final KeyPair SOMEONE_ELSE = rsa();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("rapport-jwt", ".pub");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void aReaderTokenReadsButCannotCommand() throws Exception {
        Http nobody = new Http(port).anonymous();
        Map<String, String> reader = bearer(token(ISSUER.getPrivate(), List.of("reader"), Instant.now().plusSeconds(300)));

        assertThat(nobody.get("/api/customers", reader).status()).isEqualTo(200);
        var command = nobody.post("/api/customers", "{\"displayName\": \"Token\", \"type\": \"INDIVIDUAL\"}", reader);
        assertThat(command.status()).isEqualTo(403);
        assertThat(command.contentType()).startsWith("application/problem+json");

        Map<String, String> writer = bearer(token(ISSUER.getPrivate(), List.of("writer"), Instant.now().plusSeconds(300)));
        assertThat(nobody.post("/api/customers", "{\"displayName\": \"Token\", \"type\": \"INDIVIDUAL\"}", writer).status())
                .isEqualTo(201);
    }

    @Test
    void anExpiredOrForeignTokenOrNoneIs401() throws Exception {
        Http nobody = new Http(port).anonymous();
        var expired = nobody.get("/api/customers", bearer(token(ISSUER.getPrivate(), List.of("reader"), Instant.now().minusSeconds(600))));
        var foreign = nobody.get("/api/customers", bearer(token(SOMEONE_ELSE.getPrivate(), List.of("reader"), Instant.now().plusSeconds(300))));
        var none = nobody.get("/api/customers");

        for (Http.Response response : List.of(expired, foreign, none)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        // Basic users do not exist in this mode
        assertThat(new Http(port).get("/api/customers").status()).isEqualTo(401);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String token(PrivateKey key, List<String> roles, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("jwt-user").issueTime(Date.from(expiresAt.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(expiresAt)).claim("realm_access", Map.of("roles", roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

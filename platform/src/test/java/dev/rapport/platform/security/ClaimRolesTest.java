package dev.rapport.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ClaimRolesTest {

    @Test
    void rolesAreReadFromADottedPathAListOrASpaceSeparatedString() {
        Jwt nested = jwt(Map.of("realm_access", Map.of("roles", List.of("reader", "auditor"))));
        Jwt flat = jwt(Map.of("roles", "writer data-team"));

        assertThat(authorities(new ClaimRoles("realm_access.roles"), nested)).containsExactly("ROLE_reader", "ROLE_auditor");
        assertThat(authorities(new ClaimRoles("roles"), flat)).containsExactly("ROLE_writer", "ROLE_data-team");
        assertThat(authorities(new ClaimRoles("realm_access.roles"), flat)).isEmpty();
    }

    private static List<String> authorities(ClaimRoles roles, Jwt jwt) {
        return roles.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("someone").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(c -> c.putAll(claims)).build();
    }
}

package dev.rapport.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rapport.security.*}: HTTP Basic with users from configuration ({@code users.<name>.password}, a
 * DelegatingPasswordEncoder value such as {@code {bcrypt}$2a$...}, and {@code users.<name>.roles}), or an
 * OAuth2 resource server taking JWTs whose roles are in {@code oauth2.roles-claim}. {@code credential-cache.*}:
 * how long and for how many users a successful password check is remembered ({@link CredentialCheckCache}).
 */
@ConfigurationProperties("rapport.security")
public record RapportSecurityProperties(
        @DefaultValue("basic") Mode mode,
        Map<String, UserEntry> users,
        @DefaultValue OAuth2 oauth2,
        @DefaultValue CredentialCache credentialCache) {

    public RapportSecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public enum Mode { BASIC, OAUTH2 }

    public record UserEntry(String password, List<String> roles) {

        public UserEntry {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** {@code roles-claim} may be a dotted path into nested claims, e.g. {@code realm_access.roles}. */
    public record OAuth2(@DefaultValue("roles") String rolesClaim) {
    }

    /** {@code ttl} 0 turns the cache off: every request runs the password hash. */
    public record CredentialCache(@DefaultValue("60s") Duration ttl, @DefaultValue("1000") int maxEntries) {
    }
}

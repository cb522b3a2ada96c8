package dev.rapport.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A remembered password check: a real bcrypt encoder behind it (cost 4, to keep the test quick), counted; time moved by hand. */
class CredentialCheckCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final String aliceHash = bcrypt.encode("alice-secret");
    private final AtomicInteger slowChecks = new AtomicInteger();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final PasswordEncoder counted = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            slowChecks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    };

    private CredentialCheckCache cache(Duration ttl, int maxEntries) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new CredentialCheckCache(counted, clock, ttl, maxEntries);
    }

    @Test
    void aRepeatedCorrectPasswordIsCheckedSlowlyOnlyOncePerTimeToLive() {
        CredentialCheckCache cache = cache(TTL, 100);

        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();
        now = now.plusSeconds(59);
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsRefusedEvenWhileTheRightOneIsRemembered() {
        CredentialCheckCache cache = cache(TTL, 100);
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();

        assertThat(cache.matches("alice-secreT", aliceHash)).isFalse();
        assertThat(cache.matches("", aliceHash)).isFalse();
        assertThat(cache.matches("alice-secret\u0000", aliceHash)).isFalse();
        assertThat(slowChecks).as("every wrong password goes to bcrypt").hasValue(4);
        assertThat(cache.matches("alice-secret", aliceHash)).as("a failure does not evict the real user").isTrue();
        assertThat(slowChecks).hasValue(4);
    }

    @Test
    void aRememberedPasswordDoesNotOpenAnotherHash() {
        CredentialCheckCache cache = cache(TTL, 100);
        String bobHash = bcrypt.encode("bob-secret");
        String aliceNewHash = bcrypt.encode("alice-new");
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();

        assertThat(cache.matches("alice-secret", bobHash)).isFalse();
        assertThat(cache.matches("alice-secret", aliceNewHash)).as("a changed password").isFalse();
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() {
        CredentialCheckCache cache = cache(TTL, 100);
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();

        now = now.plus(TTL);
        assertThat(cache.matches("alice-secret", aliceHash)).isTrue();

        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aFullCacheDropsExpiredEntriesAndOtherwiseAddsNothing() {
        CredentialCheckCache cache = cache(TTL, 2);
        String bobHash = bcrypt.encode("bob-secret");
        String carolHash = bcrypt.encode("carol-secret");
        cache.matches("alice-secret", aliceHash);
        cache.matches("bob-secret", bobHash);

        assertThat(cache.matches("carol-secret", carolHash)).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.matches("carol-secret", carolHash)).as("not remembered, still accepted").isTrue();
        assertThat(slowChecks).hasValue(4);

        now = now.plus(TTL);
        cache.matches("carol-secret", carolHash);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aTimeToLiveOfZeroChecksEveryTime() {
        CredentialCheckCache cache = cache(Duration.ZERO, 100);

        cache.matches("alice-secret", aliceHash);
        cache.matches("alice-secret", aliceHash);

        assertThat(slowChecks).hasValue(2);
    }
}

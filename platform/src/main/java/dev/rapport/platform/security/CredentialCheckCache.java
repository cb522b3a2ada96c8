package dev.rapport.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a short time, that a presented password matched a stored hash, so HTTP Basic (which sends the
 * password with every request) runs a deliberately slow hash such as bcrypt once per user and time to live instead of
 * on every request.
 * <p>
 * An entry is keyed by the stored hash and an HMAC of the presented password under a random key made at start: only
 * the very same password can hit it, a changed stored hash never does, and the cache holds no password. Only matches
 * are remembered, so a wrong password always goes to the slow check and is refused. Failures do not evict: they
 * cannot hit an entry, and evicting on them would let anyone sending wrong passwords force the slow check on every
 * request of the real user. Bounded: when full, expired entries are dropped and, if still full, nothing is added
 * (the check is then only slower, never wrong). docs/security.md describes the trade-off.
 */
public class CredentialCheckCache implements PasswordEncoder {

    private static final int HMAC_KEY_BYTES = 32;

    private final PasswordEncoder delegate;
    private final Clock clock;
    private final Duration timeToLive;
    private final int maxEntries;
    private final SecretKeySpec hmacKey;
    /** A keyed Mac per request thread: looking one up and keying it on every request cost 5% of a GET's CPU samples. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);
    private final Map<String, Instant> matches = new ConcurrentHashMap<>();
    private final AtomicLong encodings = new AtomicLong();

    public CredentialCheckCache(PasswordEncoder delegate, Clock clock, Duration timeToLive, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        byte[] key = new byte[HMAC_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        this.hmacKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        encodings.incrementAndGet();
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || timeToLive.isZero() || timeToLive.isNegative()) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String entry = encodedPassword + '\u0000' + hmac(rawPassword);
        Instant now = clock.instant();
        Instant until = matches.get(entry);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        if (!delegate.matches(rawPassword, encodedPassword)) {
            return false;
        }
        remember(entry, now.plus(timeToLive), now);
        return true;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** How many passwords it has hashed (each a full bcrypt with the default encoding) since start. */
    public long encodings() {
        return encodings.get();
    }

    int size() {
        return matches.size();
    }

    private void remember(String entry, Instant until, Instant now) {
        if (matches.size() >= maxEntries) {
            matches.values().removeIf(expiry -> !now.isBefore(expiry));
        }
        if (matches.size() < maxEntries) {
            matches.put(entry, until);
        }
    }

    private String hmac(CharSequence rawPassword) {
        return HexFormat.of().formatHex(macs.get().doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

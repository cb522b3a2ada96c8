package dev.rapport.platform.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one JSON value at a time, written as {@code pii1:<subject>:<key version>:<base64 of IV and
 * ciphertext with tag>} with a fresh random 96-bit IV per value. The prefix, subject and version are
 * authenticated too (associated data), so a value cannot be moved to another subject's key unnoticed.
 */
final class FieldCipher {

    static final String PREFIX = "pii1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    /**
     * One cipher object per thread, initialised anew for every value: {@code Cipher.getInstance} looks the provider up
     * each time, which was a tenth of the CPU of reading events with personal data in a rebuild.
     */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    /** A value this cipher wrote, taken apart. */
    record Sealed(String subjectId, int keyVersion, byte[] ivAndCiphertext, String header) {
    }

    static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    String seal(PersonalDataKeys.SubjectKey key, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String header = PREFIX + key.subjectId() + ":" + key.version() + ":";
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header.getBytes(UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(UTF_8));
            return header + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ciphertext.length)
                    .put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static Sealed parse(String value) {
        int dataStart = value.lastIndexOf(':') + 1;
        int versionStart = value.lastIndexOf(':', dataStart - 2) + 1;
        if (versionStart <= PREFIX.length()) {
            throw new UnreadablePersonalData("not a sealed value: no subject and key version");
        }
        try {
            return new Sealed(value.substring(PREFIX.length(), versionStart - 1),
                    Integer.parseInt(value.substring(versionStart, dataStart - 1)),
                    Base64.getDecoder().decode(value.substring(dataStart)), value.substring(0, dataStart));
        } catch (IllegalArgumentException e) {
            throw new UnreadablePersonalData("malformed sealed value: " + e.getMessage());
        }
    }

    /** @throws UnreadablePersonalData when the value was altered or sealed with another key: never garbage */
    String open(PersonalDataKeys.SubjectKey key, Sealed sealed) {
        if (sealed.keyVersion() != key.version() || sealed.ivAndCiphertext().length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadablePersonalData("value of " + sealed.subjectId() + " does not fit its key (version "
                    + sealed.keyVersion() + ", key version " + key.version() + ")");
        }
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed.ivAndCiphertext(), 0, IV_BYTES));
            cipher.updateAAD(sealed.header().getBytes(UTF_8));
            byte[] plaintext = cipher.doFinal(sealed.ivAndCiphertext(), IV_BYTES, sealed.ivAndCiphertext().length - IV_BYTES);
            return new String(plaintext, UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadablePersonalData("personal data of " + sealed.subjectId() + " fails authentication: altered or not ours");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}

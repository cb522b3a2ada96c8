package dev.rapport.platform.privacy;

/** A stored personal value that cannot be decrypted although its key exists: altered, or corrupt. Never silently skipped. */
public class UnreadablePersonalData extends IllegalStateException {

    public UnreadablePersonalData(String message) {
        super(message);
    }
}

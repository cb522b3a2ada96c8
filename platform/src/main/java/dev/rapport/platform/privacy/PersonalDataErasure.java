package dev.rapport.platform.privacy;

/** Erases a data subject by deleting their key, in the caller's transaction. */
public interface PersonalDataErasure {

    void erase(String subjectId);
}

-- One AES-256 key per data subject (customer), encrypting the @PersonalData fields of their events
-- (crypto-shredding, docs/privacy.md). A key is created in the transaction that appends the subject's first
-- personal event; erasure removes the key material in the transaction that appends CustomerErased and keeps
-- the row as a tombstone, so no new key can ever be created for an erased subject.
CREATE TABLE personal_data_key (
    subject_id   VARCHAR(255) PRIMARY KEY,
    key_version  INTEGER      NOT NULL,
    key_material BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    erased_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT personal_data_key_erased_has_no_key CHECK ((erased_at IS NULL) = (key_material IS NOT NULL))
);

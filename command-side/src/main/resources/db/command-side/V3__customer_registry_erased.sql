-- Erased customers accept nothing more: no interaction, sale, complaint or enrolment (docs/privacy.md).
ALTER TABLE customer_registry ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;

-- Tamper evidence: every stored event gets a SHA-256 chain link, written by the database in the transaction
-- that inserts the event, so an event cannot be stored without its link, nor a link without its event.
--
--   hash = sha256(previous_hash || canonical bytes of the event)
--   previous_hash = the hash of the link with the highest global_index below this event's (32 zero bytes first)
--   canonical bytes = UTF-8 of payload_type, payload_revision, aggregate_identifier, sequence_number,
--                     time_stamp, payload, meta_data joined by the unit separator (0x1F), NULL as ''
--
-- The chain covers the stored column values (ciphertext, once personal fields are encrypted), so erasing a
-- customer by deleting keys keeps it intact. The query side recomputes it independently (dev.rapport.query.audit).
--
-- No foreign key to domain_event_entry on purpose: a deleted event leaves its link behind, which is how the
-- deletion is detected.
CREATE TABLE event_hash_chain (
    global_index   BIGINT      PRIMARY KEY,
    previous_hash  BYTEA       NOT NULL,
    hash           BYTEA       NOT NULL,
    linked_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION rapport_event_canonical_bytes(event domain_event_entry) RETURNS BYTEA
    LANGUAGE sql STABLE AS $$
    SELECT convert_to(concat_ws(E'\x1f',
                                coalesce(event.payload_type, ''),
                                coalesce(event.payload_revision, ''),
                                coalesce(event.aggregate_identifier, ''),
                                coalesce(event.sequence_number::text, ''),
                                coalesce(event.time_stamp, ''),
                                coalesce(event.payload, ''),
                                coalesce(event.meta_data, '')), 'UTF8')
$$;

-- Links the event at this position to the link below it. VOLATILE (the default) matters: under READ COMMITTED
-- each query here takes a fresh snapshot, so it sees the link the previous lock holder committed while this
-- transaction waited in rapport_serialize_event_appends.
CREATE FUNCTION rapport_link_event(event_position BIGINT, canonical BYTEA) RETURNS VOID
    LANGUAGE plpgsql AS $$
DECLARE
    previous BYTEA;
BEGIN
    SELECT hash INTO previous FROM event_hash_chain
        WHERE global_index < event_position ORDER BY global_index DESC LIMIT 1;
    previous := coalesce(previous, decode(repeat('00', 32), 'hex'));
    INSERT INTO event_hash_chain (global_index, previous_hash, hash)
        VALUES (event_position, previous, sha256(previous || canonical));
END
$$;

-- Without this lock two concurrent transactions could both read the same chain head and link to the same
-- predecessor (neither sees the other's uncommitted link), and a later global_index could commit before an
-- earlier one. Taken before the statement draws its global_index values and held to commit, it makes appends
-- take turns: positions are assigned in chain order and each link sees its committed predecessor.
-- The key is 'EvtChain' in ASCII, like the application's other advisory lock keys.
-- REPEATABLE READ or SERIALIZABLE appends are refused: their snapshot predates the lock, so the link query
-- would miss the predecessor committed while they waited, and the chain would fork silently.
CREATE FUNCTION rapport_serialize_event_appends() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'events must be appended under READ COMMITTED, not %', current_setting('transaction_isolation')
            USING HINT = 'the event hash chain links each event to the one committed before it';
    END IF;
    PERFORM pg_advisory_xact_lock(x'457674436861696E'::bigint);
    RETURN NULL;
END
$$;

CREATE FUNCTION rapport_link_inserted_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rapport_link_event(NEW.global_index, rapport_event_canonical_bytes(NEW));
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_serialize_appends BEFORE INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION rapport_serialize_event_appends();

CREATE TRIGGER domain_event_entry_link AFTER INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION rapport_link_inserted_event();

-- Events stored before this migration, linked in position order. Creating the triggers above locked the table
-- against inserts until this migration commits, so no append can slip in between.
DO $$
DECLARE
    event domain_event_entry;
BEGIN
    FOR event IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
        PERFORM rapport_link_event(event.global_index, rapport_event_canonical_bytes(event));
    END LOOP;
END
$$;

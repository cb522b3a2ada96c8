-- Events get their position and their chain link when their transaction commits, no longer when inserted.
--
-- Before (V3) the chain lock was taken by the INSERT and held until COMMIT: across two client round trips and
-- whatever the application did in between (Axon's subscribing handlers, deadlines), so on a loaded machine
-- every append of the whole system waited for the lock holder to be scheduled again (docs/performance.md,
-- "Append path"). Now the lock is taken inside the COMMIT (a deferred constraint trigger) and released when the
-- commit ends: the holder is one database backend that never waits for the client.
--
-- The chain's rules stay as V3 describes them (hash over the stored bytes, linked to the link with the highest
-- global_index below). To keep "links in position order" true, the position itself is drawn under the lock:
--   * INSERT gives a row a provisional, negative global_index (never visible to others: its transaction has
--     not committed, and the position is replaced before it does);
--   * at COMMIT, under the lock, each of the transaction's rows, in insertion order, gets the next real position
--     and is linked to the link below it, exactly like V3's trigger did.
-- So positions are assigned in commit order without gaps (a rolled-back transaction never draws one), and
-- RETURNING global_index at INSERT answers the provisional value: read the position after the commit.

DO $$
DECLARE
    identity_sequence TEXT := pg_get_serial_sequence('domain_event_entry', 'global_index');
    next_position BIGINT;
BEGIN
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', identity_sequence)
        INTO next_position;
    next_position := greatest(next_position, (SELECT coalesce(max(global_index), 0) + 1 FROM domain_event_entry));
    ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP IDENTITY;
    -- CACHE 1: one value at a time, no holes (V1); owned by the column so TRUNCATE … RESTART IDENTITY restarts it
    EXECUTE format('CREATE SEQUENCE domain_event_entry_position START WITH %s CACHE 1 OWNED BY domain_event_entry.global_index',
                   next_position);
END
$$;

CREATE SEQUENCE domain_event_entry_provisional CACHE 1 OWNED BY domain_event_entry.global_index;

ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT -nextval('domain_event_entry_provisional');

-- The isolation check stays at INSERT (fail early); the lock moves to the commit.
CREATE OR REPLACE FUNCTION rapport_serialize_event_appends() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'events must be appended under READ COMMITTED, not %', current_setting('transaction_isolation')
            USING HINT = 'the event hash chain links each event to the one committed before it';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER domain_event_entry_link ON domain_event_entry;
DROP FUNCTION rapport_link_inserted_event();

-- Under READ COMMITTED each query here takes a fresh snapshot after the lock is granted, so it sees the link the
-- previous holder committed. The lock ('EvtChain' in ASCII, as in V3) is held until this transaction's commit
-- has ended: the next holder draws a higher position and links to this one.
CREATE FUNCTION rapport_position_and_link_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    event domain_event_entry;
BEGIN
    PERFORM pg_advisory_xact_lock(x'457674436861696E'::bigint);
    UPDATE domain_event_entry SET global_index = nextval('domain_event_entry_position')
        WHERE global_index = NEW.global_index
        RETURNING * INTO event;
    IF FOUND THEN -- not when the row was deleted again before the commit
        PERFORM rapport_link_event(event.global_index, rapport_event_canonical_bytes(event));
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER domain_event_entry_position_and_link AFTER INSERT ON domain_event_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION rapport_position_and_link_event();

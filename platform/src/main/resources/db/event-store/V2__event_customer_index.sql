-- Every event names its customer (the @DataSubject component, always `customerId`): kept in a column of
-- its own, set by the database as the event is inserted, so a customer's whole history across all
-- aggregates (customer, sales, complaints, loyalty, interactions) is one index range scan for auditors.
ALTER TABLE domain_event_entry ADD COLUMN customer_id VARCHAR(64);

CREATE FUNCTION rapport_event_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.customer_id := NEW.payload::jsonb ->> 'customerId';
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_customer BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION rapport_event_customer();

UPDATE domain_event_entry SET customer_id = payload::jsonb ->> 'customerId' WHERE customer_id IS NULL;

CREATE INDEX domain_event_entry_customer ON domain_event_entry (customer_id, global_index);

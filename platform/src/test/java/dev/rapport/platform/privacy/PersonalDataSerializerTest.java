package dev.rapport.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.common.Money;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.sales.SaleRefunded;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Crypto-shredding through Axon's own event store on a real PostgreSQL: what is stored, what is read back
 * before and after erasure, and what happens to altered ciphertext, rolled-back appends and old revisions.
 */
@SpringBootTest(classes = PersonalDataSerializerTest.PlatformOnly.class,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class PersonalDataSerializerTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlatformOnly {
    }

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired EventStorageEngine eventStore;
    @Autowired TransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired PersonalDataProtection protection;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;

    @Test
    void theEventSerializerIsTheEncryptingOne() {
        assertThat(eventSerializer).isInstanceOf(PersonalDataSerializer.class);
    }

    @Test
    void theStoredPayloadHoldsNoPersonalValueInPlainText() {
        String id = newId();
        append(id, 0, registered(id));

        String stored = storedPayload(id, 0);
        assertThat(stored).doesNotContain("Li Wei", "li.wei@example.com", "+86 21 5555 0101", "1988-04-12")
                .contains("\"customerId\":\"" + id + "\"", "\"region\":\"Shanghai\"", "\"type\":\"INDIVIDUAL\"",
                        "\"displayName\":\"pii1:" + id + ":1:");
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ? AND key_material IS NOT NULL")
                .param(id).query(Integer.class).single()).isOne();
    }

    @Test
    void eachValueHasItsOwnIv() {
        String id = newId();
        append(id, 0, registered(id));
        append(id, 1, registered(id));

        assertThat(storedPayload(id, 0)).isNotEqualTo(storedPayload(id, 1));
    }

    @Test
    void whatIsReadBackIsWhatWasStored() {
        String id = newId();
        CustomerRegistered registered = registered(id);
        SaleRefunded refunded = new SaleRefunded("s-1", id, "r-1", new Money(new BigDecimal("12.50"), "EUR"),
                "my husband returned it", AT, new Money(new BigDecimal("7.50"), "EUR"));
        append(id, 0, registered);
        append(id, 1, refunded);

        assertThat(payloads(id)).containsExactly(registered, refunded);
        assertThat(storedPayload(id, 1)).contains("\"amount\":12.50").doesNotContain("husband");
    }

    @Test
    void onceTheKeyIsErasedPersonalFieldsReadAsErasedAndTheRestStays() {
        String id = newId();
        append(id, 0, registered(id));
        String before = storedPayload(id, 0);

        transactions.executeInTransaction(() -> protection.erase(id));

        CustomerRegistered erased = (CustomerRegistered) payloads(id).get(0);
        assertThat(erased.profile().displayName()).isEqualTo(PersonalDataProtection.ERASED);
        assertThat(erased.profile().email()).isEqualTo(PersonalDataProtection.ERASED);
        assertThat(erased.profile().phone()).isEqualTo(PersonalDataProtection.ERASED);
        assertThat(erased.profile().dateOfBirth()).isNull();
        assertThat(erased.profile().region()).isEqualTo("Shanghai");
        assertThat(erased.registeredAt()).isEqualTo(AT);
        assertThat(storedPayload(id, 0)).as("the stored bytes never change").isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ? AND key_material IS NULL")
                .param(id).query(Integer.class).single()).isOne();
    }

    @Test
    void storedTextReadersSeePlainTextBeforeErasureAndTheMarkerAfter() {
        String id = newId();
        append(id, 0, registered(id));
        String type = CustomerRegistered.class.getName();

        assertThat(protection.reveal(type, storedPayload(id, 0))).contains("\"displayName\":\"Li Wei\"", "\"dateOfBirth\":\"1988-04-12\"");
        transactions.executeInTransaction(() -> protection.erase(id));
        assertThat(protection.reveal(type, storedPayload(id, 0)))
                .contains("\"displayName\":\"[erased]\"", "\"dateOfBirth\":null").doesNotContain("pii1:");
    }

    @Test
    void anErasedSubjectGetsNoNewKey() {
        String id = newId();
        transactions.executeInTransaction(() -> protection.erase(id));

        assertThatThrownBy(() -> append(id, 0, registered(id))).isInstanceOf(PersonalDataErased.class);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void alteredCiphertextFailsLoudly() {
        String id = newId();
        append(id, 0, registered(id));
        ObjectNode stored = (ObjectNode) JsonMapper.builder().build().readTree(storedPayload(id, 0));
        String sealed = stored.get("profile").get("email").asString();
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        jdbc.sql("UPDATE domain_event_entry SET payload = replace(payload, ?, ?) WHERE aggregate_identifier = ?")
                .params(sealed, altered, id).update();

        assertThatThrownBy(() -> payloads(id)).isInstanceOf(UnreadablePersonalData.class).hasMessageContaining("fails authentication");
    }

    @Test
    void aRolledBackAppendLeavesNoKeyBehindAndTheNextAppendWorks() {
        String id = newId();
        Transaction rolledBack = transactions.startTransaction();
        eventStore.appendEvents(new GenericDomainEventMessage<>("Customer", id, 0, registered(id)));
        rolledBack.rollback();
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ?").param(id).query(Integer.class).single()).isZero();

        append(id, 0, registered(id));
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ?").param(id).query(Integer.class).single())
                .as("the key the committed event was sealed with is stored, not one kept from the rolled-back try").isOne();
        assertThat(payloads(id)).containsExactly(registered(id));
    }

    @Test
    void anEncryptedEventOfTheFirstRevisionIsUpcastAndDecrypted() {
        String id = newId();
        InteractionLogged logged = new InteractionLogged("i-1", id, InteractionChannel.PHONE, Direction.INBOUND, null,
                "delivery", "asked us to call back after 6pm at home", "agent-7", 4, null, null, null, AT, AT);
        String current = eventSerializer.serialize(logged, String.class).getData();
        assertThat(current).doesNotContain("after 6pm");
        ObjectNode firstShape = (ObjectNode) JsonMapper.builder().build().readTree(current);
        firstShape.remove("language");
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 0, 'Interaction', ?, ?, NULL, ?, '{}')""")
                .params(UUID.randomUUID().toString(), id, AT.toString(), InteractionLogged.class.getName(), firstShape.toString())
                .update();

        assertThat(payloads(id)).containsExactly(logged);
    }

    @Test
    void aKeyIsReadOncePerTransactionAndAgainInTheNext() {
        String id = newId();
        append(id, 0, registered(id));
        PersonalDataKeys uncached = new PersonalDataKeys(jdbc, Clock.systemUTC(), Duration.ZERO);
        transactions.executeInTransaction(() -> {
            assertThat(uncached.forReading(id).erased()).isFalse();
            eraseBehindItsBack(id);
            assertThat(uncached.forReading(id).erased()).as("read once in this transaction").isFalse();
        });
        assertThat(uncached.forReading(id).erased()).as("the next transaction reads the table again").isTrue();
    }

    @Test
    void anErasureIsSeenByTheRestOfItsTransaction() {
        String id = newId();
        append(id, 0, registered(id));
        PersonalDataKeys uncached = new PersonalDataKeys(jdbc, Clock.systemUTC(), Duration.ZERO);
        transactions.executeInTransaction(() -> {
            assertThat(uncached.forReading(id).erased()).isFalse();
            uncached.erase(id);
            assertThat(uncached.forReading(id).erased()).isTrue();
        });
    }

    @Test
    void theKeysOfStoredPayloadsReadAheadServeTheRestOfTheTransaction() {
        String id = newId();
        append(id, 0, registered(id));
        String stored = storedPayload(id, 0);
        PersonalDataProtection uncached = new PersonalDataProtection(new PersonalDataKeys(jdbc, Clock.systemUTC(), Duration.ZERO));
        transactions.executeInTransaction(() -> {
            uncached.readKeysAhead(List.of(stored, "{\"note\":\"no personal data\"}"));
            eraseBehindItsBack(id);
            assertThat(uncached.reveal(CustomerRegistered.class.getName(), stored))
                    .doesNotContain("pii1:", PersonalDataProtection.ERASED);
        });
        assertThat(uncached.reveal(CustomerRegistered.class.getName(), stored)).contains(PersonalDataProtection.ERASED);
    }

    /** The key gone from the table, as another node's erasure would leave it; this test's cache knows nothing of it. */
    private void eraseBehindItsBack(String subjectId) {
        jdbc.sql("UPDATE personal_data_key SET key_material = NULL, erased_at = now() WHERE subject_id = ?").param(subjectId).update();
    }

    private void append(String aggregateId, long sequence, Object payload) {
        transactions.executeInTransaction(() ->
                eventStore.appendEvents(new GenericDomainEventMessage<>("Customer", aggregateId, sequence, payload)));
    }

    private List<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private String storedPayload(String aggregateId, long sequence) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(aggregateId, sequence).query(String.class).single();
    }

    private static CustomerRegistered registered(String id) {
        return new CustomerRegistered(id, new CustomerProfile("Li Wei", CustomerType.INDIVIDUAL, "li.wei@example.com",
                "+86 21 5555 0101", ContactChannel.EMAIL, "zh-CN", "Shanghai", LocalDate.of(1988, 4, 12), null, null,
                List.of("frequent-flyer")), AT);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}

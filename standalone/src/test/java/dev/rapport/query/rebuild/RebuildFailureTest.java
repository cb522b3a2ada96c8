package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.rapport.command.complaint.FileComplaint;
import dev.rapport.command.customer.ProfileDetails;
import dev.rapport.command.customer.RegisterCustomer;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.standalone.StandaloneApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rebuild sends its handlers' writes as JDBC batches: a statement PostgreSQL refuses fails the batch as a whole.
 * The rebuild then replays that batch event by event, so its failure names the event at fault.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "spring.application.name=rapport-rebuild-failure"})
@org.springframework.test.annotation.DirtiesContext
class RebuildFailureTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Test
    void aStatementRefusedInABatchFailsTheRebuildNamingItsEvent() {
        commands.sendAndWait(new RegisterCustomer("c-poison", new ProfileDetails("Poison Customer", CustomerType.INDIVIDUAL, null, null,
                null, null, null, null, null, null, List.of())));
        commands.sendAndWait(new FileComplaint("k-poison", "c-poison", ComplaintCategory.values()[0], Severity.LOW,
                InteractionChannel.PHONE, "The parcel came late."));
        // an assignee longer than complaint_view.assignee holds (the command API would refuse it; an old log may hold it)
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data)
                        VALUES (?, 'k-poison', 1, 'Complaint', '2026-01-05T10:00:00Z', ?, NULL, ?, '{}')""")
                .params(UUID.randomUUID().toString(), ComplaintAssigned.class.getName(),
                        "{\"complaintId\":\"k-poison\",\"customerId\":\"c-poison\",\"assignee\":\"" + "a".repeat(300) + "\","
                                + "\"assignedAt\":\"2026-01-05T10:00:00Z\"}")
                .update();

        rebuilder.start("complaint-view");

        await().atMost(Duration.ofMinutes(2)).until(() -> rebuilder.status("complaint-view").state() == RebuildState.FAILED);
        assertThat(rebuilder.status("complaint-view").error()).isEqualTo("Replaying ComplaintAssigned into complaint-view failed");
        assertThat(rebuilder.status("complaint-view").processed()).as("nothing of the failed batch stored").isZero();
    }
}

package dev.rapport.query.rebuild;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.rapport.command.complaint.AcknowledgeComplaint;
import dev.rapport.command.complaint.FileComplaint;
import dev.rapport.command.customer.ProfileDetails;
import dev.rapport.command.customer.RegisterCustomer;
import dev.rapport.command.customer.UpdateCustomerProfile;
import dev.rapport.command.interaction.LogInteraction;
import dev.rapport.command.loyalty.EnrolMember;
import dev.rapport.command.sales.RecordRefund;
import dev.rapport.command.sales.RecordSale;
import dev.rapport.command.sales.SaleIds;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.consistency.ProjectionPositions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The story a rebuild test tells about each customer through the command side (registration, profile update,
 * enrolment, sales — every fourth customer's more than a year old —, an interaction, a complaint, a refund), and the
 * check that every processor has reached the head of the log. Shared by {@link ProjectionRebuildTest} and
 * {@link RebuildThroughputMeasurement}.
 */
final class RebuildStory {

    static final int SALES_PER_CUSTOMER = 5;

    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final ProjectionPositions positions;

    RebuildStory(CommandGateway commands, JdbcClient jdbc, ProjectionPositions positions) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.positions = positions;
    }

    void tellTheStoryOf(String customer) {
        commands.sendAndWait(new RegisterCustomer(customer, profile(customer, "Customer " + customer)));
        commands.sendAndWait(new UpdateCustomerProfile(customer, profile(customer, "Renamed " + customer)));
        commands.sendAndWait(EnrolMember.forCustomer(customer));
        // every fourth customer bought daily more than a year ago and never since: overdue for the churn evaluation
        int daysAgo = Math.floorMod(customer.hashCode(), 4) == 0 ? 400 : 0;
        for (int sale = 1; sale <= SALES_PER_CUSTOMER; sale++) {
            commands.sendAndWait(new RecordSale(SaleIds.of(customer, "order-" + sale), customer, "order-" + sale, SalesChannel.STORE,
                    "CNY", null, BigDecimal.valueOf(40L * sale + customer.hashCode() % 7, 2).add(BigDecimal.TEN),
                    Instant.now().minus(Duration.ofDays(daysAgo == 0 ? 0 : daysAgo - sale))));
        }
        int satisfaction = 1 + Math.floorMod(customer.hashCode() / 4, 5);
        commands.sendAndWait(new LogInteraction("interaction-" + customer, customer, InteractionChannel.PHONE, Direction.INBOUND,
                "en", "delivery question", "answered", "agent-1", satisfaction, null, null, null, Instant.now()));
        String complaint = "complaint-" + customer;
        commands.sendAndWait(new FileComplaint(complaint, customer, ComplaintCategory.values()[0], Severity.LOW,
                InteractionChannel.PHONE, "The parcel came late."));
        commands.sendAndWait(new AcknowledgeComplaint(complaint, "agent-2"));
        commands.sendAndWait(new RecordRefund(SaleIds.of(customer, "order-1"), "refund-1", new BigDecimal("5.00"), "CNY",
                "late delivery", Instant.now()));
    }

    private static ProfileDetails profile(String customer, String name) {
        return new ProfileDetails(name, CustomerType.INDIVIDUAL, customer + "@example.com", null, ContactChannel.EMAIL, "en", "Region "
                + customer.charAt(customer.length() - 1), null, null, null, List.of("rebuild"));
    }

    /** Every processor (projections and command-side policies) has handled the last event: nothing more is coming. */

    boolean everyProcessorHasReachedTheHead() {
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        List<String> processors = jdbc.sql("SELECT DISTINCT processor_name FROM token_entry").query(String.class).list();
        return processors.stream().allMatch(p -> positions.hasProcessed(p, head, Optional.empty()));
    }
}

package dev.rapport.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.rapport.command.loyalty.LoyaltyProperties;
import dev.rapport.command.loyalty.MembershipIds;
import dev.rapport.command.sales.SaleIds;
import dev.rapport.events.common.Money;
import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintAcknowledged;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintResolutionConfirmed;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.interaction.Sentiment;
import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.sales.SaleLine;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.events.sales.SalesChannel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data generator for large volumes: the same story as {@link Generator} (customers with profiles, most enrolled with
 * a welcome bonus, then sales, refunds, interactions, profile updates, bonus points, redemptions and complaints step by
 * step, plus the CDNOW purchases), written as the events the aggregates would have emitted for those commands straight
 * into the application's own {@link EventStore}: payloads go through the production serializer (personal data
 * encrypted), the database links the hash chain, and the subscribing customer registry sees each registration in the
 * same transaction. Each event carries its aggregate's type, id and next sequence number, tracked per customer, so the
 * aggregates load from it and accept later commands.
 * <p>
 * What the command side would have added on its own is written too, as its policies would: the bonus points a
 * complaint's compensation awards. Sales and refunds earn and reverse no points here, as through the API: every sale is
 * dated before the membership was enrolled (now), which the membership does not credit. The policy processors are
 * therefore moved past the written events (see {@link Processors#pausedDuring}). Not scheduled: the deadlines (complaint
 * SLA, monthly point expiry, tier review); none falls due within a bench run except a point expiry at a month's turn.
 * <p>
 * Single-threaded and deterministic for a seed (ids included; only the instants recorded "now" differ). Holds the
 * customers' state only, never the events: they go out 1,000 per append and 10,000 per transaction.
 */
final class DirectWriter {

    static final int EVENTS_PER_CUSTOMER = 12;
    private static final int APPEND = 1_000;
    private static final int TRANSACTION = 10_000;
    /** How many of a customer's sales it keeps for refunds (the HTTP generator keeps 20; fewer keeps 5M in memory). */
    private static final int SALES_KEPT = 5;

    private static final SalesChannel[] SALES_CHANNELS = {SalesChannel.STORE, SalesChannel.WEB, SalesChannel.APP, SalesChannel.PHONE,
            SalesChannel.CALL_CENTRE};
    private static final InteractionChannel[] CONTACT = {InteractionChannel.PHONE, InteractionChannel.EMAIL, InteractionChannel.WEB,
            InteractionChannel.APP, InteractionChannel.STORE, InteractionChannel.CALL_CENTRE};
    private static final String[] TOPICS = {"booking change", "invoice question", "delivery status", "product advice", "loyalty points"};
    private static final String[] PRODUCTS = {"PEK-SHA-Y", "SOFA-3", "LAMP-12", "TEA-500G", "BIKE-CITY", "PHONE-X", "BAG-TRAVEL"};
    private static final ComplaintCategory[] CATEGORIES = {ComplaintCategory.PRODUCT, ComplaintCategory.SERVICE, ComplaintCategory.BILLING,
            ComplaintCategory.DELIVERY, ComplaintCategory.STAFF};
    private static final Severity[] SEVERITIES = {Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL};
    private static final String[] REGIONS = {"Shanghai", "Beijing", "Guangdong", "Bavaria", "Ontario", "Lombardy"};

    private final EventStore eventStore;
    private final TransactionTemplate transactions;
    private final Binder settings;
    private final int pointsValidityMonths;
    private final long seed;
    private final Random random;
    private final List<Cdnow.Purchase> cdnow;
    private final MetaData metaData = MetaData.from(Map.of("actor", "bench", "source", "bench-direct-writer"));
    private final List<DomainEventMessage<?>> pending = new ArrayList<>(TRANSACTION);

    /** The customers of the generator mix, in registration order (the query and append figures use them). */
    final List<Customer> customers = new ArrayList<>();
    private final Map<String, String> cdnowCustomerIds = new HashMap<>();
    private int cdnowLinesUsed;
    private long ids;
    private long written;
    private long appendNanos;
    private double seconds;

    DirectWriter(ApplicationContext app, long seed, List<Cdnow.Purchase> cdnow) {
        this.eventStore = app.getBean(EventStore.class);
        this.transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        this.settings = Binder.get(app.getEnvironment());
        this.pointsValidityMonths = app.getBean(LoyaltyProperties.class).pointsValidityMonths();
        this.seed = seed;
        this.random = new Random(seed);
        this.cdnow = cdnow;
    }

    /** Events written so far. */
    long written() {
        return written;
    }

    /** Seconds the last {@link #write} took. */
    double seconds() {
        return seconds;
    }

    /**
     * Writes about {@code events} more events (a step may overshoot by its few events): customers in proportion, up to
     * 30% CDNOW purchases, the rest the generator mix on the customers registered in this round only, so that customers
     * the HTTP figures touched in between keep sequence numbers only the application knows.
     */
    void write(long events) {
        long start = System.nanoTime();
        long until = written + events;
        int from = customers.size();
        int wanted = (int) (events / EVENTS_PER_CUSTOMER);
        for (int i = 0; i < wanted; i++) {
            customers.add(register(from + i, random.nextInt(10) < 6));
            progress(start, until);
        }
        if (!cdnow.isEmpty()) {
            replayCdnow(written + (long) (events * 0.3), start, until);
        }
        List<Customer> round = customers.subList(from, customers.size());
        while (written + pending.size() < until && !round.isEmpty()) {
            perform(round.get(random.nextInt(round.size())), Mix.GENERATOR.pick(random));
            progress(start, until);
        }
        flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        this.seconds = seconds;
        System.out.printf("  wrote %,d events directly in %.0f s: %,.0f events/s (%.0f s of it appending)%n", events, seconds,
                events / seconds, appendNanos / 1e9);
    }

    private void progress(long start, long until) {
        if (pending.size() >= TRANSACTION) {
            flush();
            if (written % 100_000 < TRANSACTION) {
                System.out.printf("  ... %,d of %,d events, %,.0f events/s%n", written, until, written / ((System.nanoTime() - start) / 1e9));
            }
        }
    }

    private Customer register(int number, boolean enrol) {
        Customer customer = new Customer(number, uuid("customer", number));
        Instant now = Instant.now();
        append("Customer", customer.id, ++customer.customerSequence, new CustomerRegistered(customer.id, profile(number, 0), now));
        if (enrol) {
            customer.membershipId = MembershipIds.forCustomer(customer.id);
            append("Membership", customer.membershipId, ++customer.membershipSequence, new MemberEnrolled(customer.membershipId,
                    customer.id, MembershipIds.memberNumber(customer.membershipId), now));
            earnBonus(customer, 50_000, PointsSource.CAMPAIGN, "welcome");
        }
        return customer;
    }

    private CustomerProfile profile(int number, int version) {
        LocalDate birthday = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(9), 10 + random.nextInt(10));
        return new CustomerProfile("Customer %06d".formatted(number), CustomerType.INDIVIDUAL, "customer%d.v%d@example.com".formatted(number,
                version), "+86 138 %04d %04d".formatted(number % 10_000, random.nextInt(10_000)), ContactChannel.EMAIL,
                random.nextBoolean() ? "zh-CN" : "en-GB", REGIONS[random.nextInt(REGIONS.length)], birthday, null, null, List.of("bench"));
    }

    /** CDNOW purchases in file order until the log reached {@code until}: a customer at its first line, a sale per line. */
    private void replayCdnow(long until, long start, long target) {
        while (cdnowLinesUsed < cdnow.size() && written + pending.size() < until) {
            Cdnow.Purchase purchase = cdnow.get(cdnowLinesUsed++);
            String customerId = cdnowCustomerIds.computeIfAbsent(purchase.customer(), name -> {
                String id = uuid("cdnow", Long.parseLong(name.substring(6)));
                CustomerProfile profile = new CustomerProfile("CDNOW customer " + name.substring(6), CustomerType.INDIVIDUAL, null, null, null,
                        null, null, null, null, null, List.of());
                append("Customer", id, 0, new CustomerRegistered(id, profile, Instant.now()));
                return id;
            });
            if (purchase.dollars().signum() > 0) {
                String orderId = Integer.toString(purchase.line());
                String saleId = SaleIds.of(customerId, orderId);
                append("Sale", saleId, 0, new SaleRecorded(saleId, customerId, orderId, SalesChannel.STORE, List.of(),
                        new Money(purchase.dollars(), "USD"), purchase.day().atStartOfDay(ZoneOffset.UTC).toInstant(), Instant.now()));
            }
            progress(start, target);
        }
    }

    /** One command of the mix as its aggregate would have answered it; a kind the customer cannot take becomes a sale. */
    private void perform(Customer customer, Mix.Op op) {
        switch (op) {
            case SALE -> sale(customer);
            case INTERACTION -> interaction(customer);
            case REFUND -> refund(customer);
            case PROFILE_UPDATE -> append("Customer", customer.id, ++customer.customerSequence,
                    new CustomerProfileUpdated(customer.id, profile(customer.number, ++customer.profileVersion), Instant.now()));
            case BONUS_POINTS -> {
                if (customer.membershipId == null) {
                    sale(customer);
                } else {
                    earnBonus(customer, 50 + random.nextInt(500), PointsSource.CAMPAIGN, "campaign-" + random.nextInt(1_000_000_000));
                }
            }
            case REDEMPTION -> {
                if (customer.membershipId == null) {
                    sale(customer);
                } else {
                    redeem(customer, 10 + random.nextInt(190));
                }
            }
            case COMPLAINT_STEP -> complaintStep(customer);
        }
    }

    private void sale(Customer customer) {
        int count = 1 + random.nextInt(3);
        List<SaleLine> lines = new ArrayList<>(count);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            int quantity = 1 + random.nextInt(3);
            BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
            lines.add(new SaleLine(PRODUCTS[random.nextInt(PRODUCTS.length)], "retail", quantity, new Money(price, "CNY")));
        }
        String orderId = "B" + customer.number + "-" + (++customer.orders);
        String saleId = SaleIds.of(customer.id, orderId);
        append("Sale", saleId, 0, new SaleRecorded(saleId, customer.id, orderId, SALES_CHANNELS[random.nextInt(SALES_CHANNELS.length)],
                lines, new Money(total, "CNY"), Commands.pastInstant(random), Instant.now()));
        if (customer.sales.size() < SALES_KEPT) {
            customer.sales.add(new Customer.Sale(saleId, "CNY", total));
        }
    }

    private void refund(Customer customer) {
        Customer.Sale sale = customer.sales.stream().filter(s -> s.refundable.signum() > 0).findFirst().orElse(null);
        if (sale == null) {
            sale(customer);
            return;
        }
        BigDecimal amount = sale.refundable.multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2)).setScale(2, RoundingMode.DOWN);
        if (amount.signum() <= 0) {
            amount = sale.refundable;
        }
        sale.refundable = sale.refundable.subtract(amount);
        Instant now = Instant.now();
        append("Sale", sale.saleId, ++sale.sequence, new SaleRefunded(sale.saleId, customer.id, uuid("refund", ++ids),
                new Money(amount, sale.currency), "returned", now, new Money(sale.refundable, sale.currency)));
    }

    private void interaction(Customer customer) {
        String id = uuid("interaction", ++ids);
        Instant occurredAt = Commands.pastInstant(random);
        append("Interaction", id, 0, new InteractionLogged(id, customer.id, CONTACT[random.nextInt(CONTACT.length)],
                random.nextInt(4) == 0 ? Direction.OUTBOUND : Direction.INBOUND, null, TOPICS[random.nextInt(TOPICS.length)], "answered",
                null, 1 + random.nextInt(5), random.nextBoolean() ? Sentiment.POSITIVE : Sentiment.NEUTRAL, null, null, occurredAt,
                Instant.now()));
    }

    private void earnBonus(Customer customer, long points, PointsSource source, String reference) {
        Instant now = Instant.now();
        customer.points += points;
        append("Membership", customer.membershipId, ++customer.membershipSequence, new PointsEarned(customer.membershipId, customer.id,
                points, false, source, reference, now, expiryOf(now), customer.points, 0, null));
    }

    /** As the membership: never above the balance (refused: no event, as the API would answer 422). */
    private void redeem(Customer customer, long points) {
        if (points > customer.points) {
            return;
        }
        customer.points -= points;
        append("Membership", customer.membershipId, ++customer.membershipSequence, new PointsRedeemed(customer.membershipId, customer.id,
                points, "reward-" + random.nextInt(1_000_000), Instant.now(), customer.points));
    }

    /** The membership's rule: points expire at the start of the month after earning plus the validity in months (UTC). */
    private Instant expiryOf(Instant earnedAt) {
        return earnedAt.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().plusMonths(1 + pointsValidityMonths)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The next step of the customer's complaint, in the order the complaint requires: file, acknowledge, assign, resolve, confirm, close. */
    private void complaintStep(Customer customer) {
        Instant now = Instant.now();
        String complaintId = customer.complaintId;
        Object event = switch (customer.complaintStep) {
            case 0 -> {
                complaintId = uuid("complaint", ++ids);
                customer.complaintSequence = -1;
                Severity severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
                yield new ComplaintFiled(complaintId, customer.id, CATEGORIES[random.nextInt(CATEGORIES.length)], severity,
                        InteractionChannel.CALL_CENTRE, "Complaint " + random.nextInt(1_000_000) + " of the bench.", now,
                        now.plus(sla("acknowledge", severity)), now.plus(sla("resolve", severity)));
            }
            // every step follows at once, within any SLA
            case 1 -> new ComplaintAcknowledged(complaintId, customer.id, "agent-" + random.nextInt(20), now, true);
            case 2 -> new ComplaintAssigned(complaintId, customer.id, "team-" + random.nextInt(5), now);
            case 3 -> {
                long bonus = random.nextInt(5) * 100L;
                Compensation compensation = bonus > 0 ? new Compensation(bonus, null, null) : null;
                yield new ComplaintResolved(complaintId, customer.id, "Replaced and apologised.", compensation, "agent-1", now, true,
                        now.plus(followUpWithin()));
            }
            case 4 -> new ComplaintResolutionConfirmed(complaintId, customer.id, now);
            default -> new ComplaintClosed(complaintId, customer.id, 1 + random.nextInt(5), true, now);
        };
        customer.complaintId = complaintId;
        append("Complaint", complaintId, ++customer.complaintSequence, event);
        if (event instanceof ComplaintResolved resolved && resolved.compensation() != null && customer.membershipId != null) {
            // what the loyalty policy would award for it
            earnBonus(customer, resolved.compensation().bonusPoints(), PointsSource.COMPLAINT_COMPENSATION, complaintId);
        }
        customer.complaintStep = (customer.complaintStep + 1) % 6;
    }

    /** The complaint SLA as the application is configured (rapport.complaints.sla.*), its defaults otherwise. */
    private Duration sla(String step, Severity severity) {
        Duration fallback = switch (severity) {
            case LOW, MEDIUM -> step.equals("acknowledge") ? Duration.ofHours(24) : Duration.ofDays(7);
            case HIGH -> step.equals("acknowledge") ? Duration.ofHours(8) : Duration.ofDays(4);
            case CRITICAL -> step.equals("acknowledge") ? Duration.ofHours(2) : Duration.ofDays(2);
        };
        return settings.bind("rapport.complaints.sla." + step + "." + severity.name().toLowerCase(), Duration.class).orElse(fallback);
    }

    private Duration followUpWithin() {
        return settings.bind("rapport.complaints.sla.follow-up", Duration.class).orElse(Duration.ofDays(3));
    }

    private String uuid(String kind, long number) {
        return UUID.nameUUIDFromBytes(("bench/" + seed + "/" + kind + "/" + number).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void append(String aggregateType, String aggregateId, long sequence, Object payload) {
        pending.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metaData));
    }

    /** The pending events, 1,000 per append, all in one transaction. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            for (int from = 0; from < pending.size(); from += APPEND) {
                eventStore.publish(pending.subList(from, Math.min(from + APPEND, pending.size())));
            }
        });
        appendNanos += System.nanoTime() - start;
        written += pending.size();
        pending.clear();
    }
}

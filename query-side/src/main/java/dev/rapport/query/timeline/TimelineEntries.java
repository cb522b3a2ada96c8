package dev.rapport.query.timeline;

import static dev.rapport.query.timeline.Wording.count;
import static dev.rapport.query.timeline.Wording.day;
import static dev.rapport.query.timeline.Wording.duration;
import static dev.rapport.query.timeline.Wording.lowerCase;
import static dev.rapport.query.timeline.Wording.minute;
import static dev.rapport.query.timeline.Wording.money;
import static dev.rapport.query.timeline.Wording.name;
import static dev.rapport.query.timeline.Wording.points;
import static dev.rapport.query.timeline.Wording.present;
import static dev.rapport.query.timeline.Wording.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintAcknowledged;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintEscalated;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintFollowedUp;
import dev.rapport.events.complaint.ComplaintReopened;
import dev.rapport.events.complaint.ComplaintResolutionConfirmed;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.customer.AccountManagerAssigned;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerErased;
import dev.rapport.events.customer.CustomerMarkedAsPartner;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.customer.PartnershipEnded;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.customer.PreferenceWithdrawn;
import dev.rapport.events.customer.ReferralRecorded;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGrantExpired;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierRetained;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;

/**
 * How each event reads in a customer's timeline: one English sentence, when it happened in business
 * terms, and the channel it came through when it has one. Sentences never quote a {@code @PersonalData}
 * field (complaint descriptions, resolutions, notes, preference values, contact outcomes, names), so
 * erasing a customer leaves nothing personal in the timeline.
 */
final class TimelineEntries {

    /** One event as the timeline shows it; {@code occurredAt} is null when the event has no time of its own. */
    record Description(String summary, Instant occurredAt, String channel) {
    }

    private static final Map<Class<?>, Function<Object, Description>> DESCRIBERS = new HashMap<>();

    static {
        on(CustomerRegistered.class, TimelineEntries::customerRegistered);
        on(CustomerProfileUpdated.class, TimelineEntries::customerProfileUpdated);
        on(ConsentChanged.class, TimelineEntries::consentChanged);
        on(PreferenceNoted.class, TimelineEntries::preferenceNoted);
        on(PreferenceWithdrawn.class, TimelineEntries::preferenceWithdrawn);
        on(AccountManagerAssigned.class, TimelineEntries::accountManagerAssigned);
        on(ReferralRecorded.class, TimelineEntries::referralRecorded);
        on(CustomerMarkedAsPartner.class, TimelineEntries::customerMarkedAsPartner);
        on(PartnershipEnded.class, TimelineEntries::partnershipEnded);
        on(CustomerClosed.class, TimelineEntries::customerClosed);
        on(CustomerErased.class, TimelineEntries::customerErased);
        on(CustomerReactivated.class, TimelineEntries::customerReactivated);

        on(InteractionLogged.class, TimelineEntries::interactionLogged);

        on(SaleRecorded.class, TimelineEntries::saleRecorded);
        on(SaleRefunded.class, TimelineEntries::saleRefunded);

        on(ComplaintFiled.class, TimelineEntries::complaintFiled);
        on(ComplaintAcknowledged.class, TimelineEntries::complaintAcknowledged);
        on(ComplaintAssigned.class, TimelineEntries::complaintAssigned);
        on(ComplaintEscalated.class, TimelineEntries::complaintEscalated);
        on(ComplaintSlaBreached.class, TimelineEntries::complaintSlaBreached);
        on(ComplaintResolved.class, TimelineEntries::complaintResolved);
        on(ComplaintFollowedUp.class, TimelineEntries::complaintFollowedUp);
        on(ComplaintResolutionConfirmed.class, TimelineEntries::complaintResolutionConfirmed);
        on(ComplaintReopened.class, TimelineEntries::complaintReopened);
        on(ComplaintClosed.class, TimelineEntries::complaintClosed);

        on(MemberEnrolled.class, TimelineEntries::memberEnrolled);
        on(PointsEarned.class, TimelineEntries::pointsEarned);
        on(PointsRedeemed.class, TimelineEntries::pointsRedeemed);
        on(PointsExpired.class, TimelineEntries::pointsExpired);
        on(PointsReversed.class, TimelineEntries::pointsReversed);
        on(TierUpgraded.class, TimelineEntries::tierUpgraded);
        on(TierDowngraded.class, TimelineEntries::tierDowngraded);
        on(TierRetained.class, TimelineEntries::tierRetained);
        on(TierGranted.class, TimelineEntries::tierGranted);
        on(TierGrantExpired.class, TimelineEntries::tierGrantExpired);
    }

    private TimelineEntries() {
    }

    /** The event as the timeline shows it; an event type this class does not know reads as its type name. */
    static Description describe(Object payload) {
        Function<Object, Description> describer = DESCRIBERS.get(payload.getClass());
        return describer != null ? describer.apply(payload) : new Description(fallback(payload.getClass()), null, null);
    }

    static boolean describes(Class<?> eventType) {
        return DESCRIBERS.containsKey(eventType);
    }

    /** The sentence of an event type nobody taught this class. */
    static String fallback(Class<?> eventType) {
        return eventType.getSimpleName() + " happened";
    }

    /** The simple names of the event types with their own sentence, the values of the {@code types} filter. */
    static Set<String> eventTypes() {
        Set<String> names = new TreeSet<>();
        DESCRIBERS.keySet().forEach(type -> names.add(type.getSimpleName()));
        return names;
    }

    private static <E> void on(Class<E> type, Function<E, Description> describer) {
        DESCRIBERS.put(type, payload -> describer.apply(type.cast(payload)));
    }

    private static Description at(Instant occurredAt, String summary) {
        return new Description(summary, occurredAt, null);
    }

    // customer

    private static Description customerRegistered(CustomerRegistered e) {
        var profile = e.profile();
        String kind = profile != null && profile.type() == CustomerType.ORGANISATION ? "an organisation" : "an individual";
        String region = profile != null && present(profile.region()) ? " in " + profile.region() : "";
        return at(e.registeredAt(), "Registered as " + kind + " customer" + region);
    }

    private static Description customerProfileUpdated(CustomerProfileUpdated e) {
        return at(e.updatedAt(), "Profile updated");
    }

    private static Description consentChanged(ConsentChanged e) {
        String change = e.optedIn() ? "Opted in to " : "Opted out of ";
        String source = present(e.source()) ? " (captured via " + e.source() + ")" : "";
        return new Description(change + name(e.channel()) + " marketing" + source, e.changedAt(), name(e.channel()));
    }

    private static Description preferenceNoted(PreferenceNoted e) {
        return at(e.notedAt(), "Preference '" + e.key() + "' noted by " + e.notedBy());
    }

    private static Description preferenceWithdrawn(PreferenceWithdrawn e) {
        return at(e.withdrawnAt(), "Preference '" + e.key() + "' withdrawn");
    }

    private static Description accountManagerAssigned(AccountManagerAssigned e) {
        return at(e.assignedAt(), e.previousAccountManagerId() == null
                ? "Account manager " + e.accountManagerId() + " assigned"
                : "Handed over from account manager " + e.previousAccountManagerId() + " to " + e.accountManagerId());
    }

    private static Description referralRecorded(ReferralRecorded e) {
        return at(e.recordedAt(), "Referred customer " + e.referredCustomerId());
    }

    private static Description customerMarkedAsPartner(CustomerMarkedAsPartner e) {
        return at(e.markedAt(), "Marked as partner" + reason(e.reason()));
    }

    private static Description partnershipEnded(PartnershipEnded e) {
        return at(e.endedAt(), "Partnership ended" + reason(e.reason()));
    }

    private static Description customerErased(CustomerErased e) {
        return at(e.erasedAt(), "Personal data erased by " + e.erasedBy());
    }

    private static Description customerClosed(CustomerClosed e) {
        String churn = e.reason() == null ? "" : e.reason().activeChurn() ? ", active churn" : ", passive churn";
        return at(e.closedAt(), "Relationship closed (" + name(e.reason()) + churn + ") by " + e.closedBy());
    }

    private static Description customerReactivated(CustomerReactivated e) {
        return at(e.reactivatedAt(), "Relationship reactivated");
    }

    // interaction

    private static Description interactionLogged(InteractionLogged e) {
        StringBuilder summary = new StringBuilder(e.direction() == Direction.OUTBOUND ? "Outbound" : "Inbound")
                .append(" contact via ").append(name(e.channel()));
        if (present(e.language())) {
            summary.append(" in ").append(e.language());
        }
        if (present(e.topic())) {
            summary.append(" about '").append(e.topic()).append('\'');
        }
        if (present(e.handledBy())) {
            summary.append(", handled by ").append(e.handledBy());
        }
        if (e.satisfaction() != null) {
            summary.append(", satisfaction ").append(e.satisfaction()).append("/5");
        }
        if (e.survey() != null) {
            summary.append(", survey overall ").append(e.survey().overall()).append("/5");
        }
        if (e.sentiment() != null) {
            summary.append(", ").append(lowerCase(e.sentiment())).append(" sentiment");
        }
        if (e.complaintId() != null) {
            summary.append(" (follow-up of complaint ").append(e.complaintId()).append(')');
        }
        return new Description(summary.toString(), e.occurredAt(), name(e.channel()));
    }

    // sales

    private static Description saleRecorded(SaleRecorded e) {
        return new Description("Sale " + e.orderId() + " recorded: " + money(e.total()) + " via " + name(e.channel()),
                e.occurredAt(), name(e.channel()));
    }

    private static Description saleRefunded(SaleRefunded e) {
        return at(e.occurredAt(), "Refund " + e.refundId() + " of " + money(e.amount()) + " on sale " + e.saleId()
                + " (" + money(e.remainingRefundable()) + " still refundable)"); // the reason is personal: not quoted
    }

    // complaint

    private static Description complaintFiled(ComplaintFiled e) {
        return new Description("Complaint filed (" + name(e.category()) + ", " + name(e.severity()) + ") via " + name(e.channel()),
                e.filedAt(), name(e.channel()));
    }

    private static Description complaintAcknowledged(ComplaintAcknowledged e) {
        return at(e.acknowledgedAt(), "Complaint acknowledged by " + e.acknowledgedBy() + " (" + sla(e.withinSla()) + ")");
    }

    private static Description complaintAssigned(ComplaintAssigned e) {
        return at(e.assignedAt(), "Complaint assigned to " + e.assignee());
    }

    private static Description complaintEscalated(ComplaintEscalated e) {
        String how = e.automatic() ? " automatically" : "";
        return at(e.escalatedAt(), "Complaint escalated to level " + e.level() + how + reason(e.reason()));
    }

    private static Description complaintSlaBreached(ComplaintSlaBreached e) {
        return at(e.detectedAt(), "SLA breached: " + name(e.deadline()) + " was due by " + minute(e.dueBy())
                + ", " + duration(e.overdueSeconds()) + " overdue");
    }

    private static Description complaintResolved(ComplaintResolved e) {
        return at(e.resolvedAt(), "Complaint resolved by " + e.resolvedBy() + " (" + sla(e.withinSla()) + ")"
                + compensation(e.compensation()) + "; follow-up due by " + minute(e.followUpDueBy()));
    }

    private static Description complaintFollowedUp(ComplaintFollowedUp e) {
        return at(e.followedUpAt(), "Complaint followed up in interaction " + e.interactionId() + " (" + sla(e.withinSla()) + ")");
    }

    private static Description complaintResolutionConfirmed(ComplaintResolutionConfirmed e) {
        return at(e.confirmedAt(), "Customer accepted the complaint's resolution");
    }

    private static Description complaintReopened(ComplaintReopened e) {
        return at(e.reopenedAt(), "Complaint reopened: the customer rejected the resolution; new resolution deadline "
                + minute(e.resolveDueBy()));
    }

    private static Description complaintClosed(ComplaintClosed e) {
        String resolution = e.resolvedWithinSla() ? "resolved within SLA" : "resolution was late";
        return at(e.closedAt(), "Complaint closed with satisfaction " + e.satisfaction() + "/5 (" + resolution + ")");
    }

    private static String compensation(Compensation compensation) {
        if (compensation == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (compensation.hasBonusPoints()) {
            parts.add(count(compensation.bonusPoints()) + " bonus points");
        }
        if (present(compensation.refundReference())) {
            parts.add("refund " + compensation.refundReference());
        }
        if (present(compensation.voucherCode())) {
            parts.add("voucher " + compensation.voucherCode());
        }
        return parts.isEmpty() ? "" : ", compensation: " + String.join(", ", parts);
    }

    // loyalty

    private static Description memberEnrolled(MemberEnrolled e) {
        return at(e.enrolledAt(), "Enrolled in the loyalty programme, member number " + e.memberNumber());
    }

    private static Description pointsEarned(PointsEarned e) {
        String kind = e.qualifying() ? "" : "bonus ";
        return at(e.earnedAt(), "Earned " + count(e.points()) + " " + kind + (e.points() == 1 ? "point " : "points ")
                + pointsOrigin(e.source(), e.reference()) + "; balance " + count(e.balanceAfter()));
    }

    private static String pointsOrigin(PointsSource source, String reference) {
        if (source == null) {
            return "(" + reference + ")";
        }
        return switch (source) {
            case SALE -> "for sale " + reference;
            case CAMPAIGN -> "from campaign " + reference;
            case COMPLAINT_COMPENSATION -> "as compensation for complaint " + reference;
        };
    }

    private static Description pointsRedeemed(PointsRedeemed e) {
        return at(e.redeemedAt(), "Redeemed " + points(e.points()) + " for " + e.reference() + "; balance " + count(e.balanceAfter()));
    }

    private static Description pointsExpired(PointsExpired e) {
        return at(e.expiredAt(), points(e.points()) + " earned before " + day(e.earnedBefore()) + " expired; balance "
                + count(e.balanceAfter()));
    }

    private static Description pointsReversed(PointsReversed e) {
        return at(e.reversedAt(), points(e.points()) + " taken back for refund " + e.refundId() + " of sale " + e.saleId()
                + " (" + money(e.refundAmount()) + "); balance " + count(e.balanceAfter()));
    }

    private static Description tierUpgraded(TierUpgraded e) {
        return at(e.upgradedAt(), "Tier upgraded " + name(e.from()) + " → " + name(e.to())
                + figures(e.qualifyingPoints(), e.qualifyingPurchases()));
    }

    private static Description tierDowngraded(TierDowngraded e) {
        return at(e.downgradedAt(), "Tier downgraded " + name(e.from()) + " → " + name(e.to()) + " at the yearly review"
                + figures(e.qualifyingPoints(), e.qualifyingPurchases()));
    }

    private static Description tierRetained(TierRetained e) {
        return at(e.reviewedAt(), "Tier " + name(e.tier()) + " retained at the yearly review"
                + figures(e.qualifyingPoints(), e.qualifyingPurchases()));
    }

    private static Description tierGranted(TierGranted e) {
        return at(e.grantedAt(), "Tier " + name(e.to()) + " granted by " + e.grantedBy() + " until " + day(e.expiresAt())
                + " (was " + name(e.from()) + ")" + reason(e.reason()));
    }

    private static Description tierGrantExpired(TierGrantExpired e) {
        return at(e.expiredAt(), "Granted tier " + name(e.from()) + " expired, now " + name(e.to())
                + figures(e.qualifyingPoints(), e.qualifyingPurchases()));
    }

    private static String figures(long qualifyingPoints, int purchases) {
        return " (" + count(qualifyingPoints) + " qualifying points, " + count(purchases)
                + (purchases == 1 ? " purchase" : " purchases") + " in 12 months)";
    }

    private static String reason(String reason) {
        return present(reason) ? ": " + reason : "";
    }
}

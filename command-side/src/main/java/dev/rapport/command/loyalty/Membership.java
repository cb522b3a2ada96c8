package dev.rapport.command.loyalty;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGrantExpired;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierRetained;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's loyalty membership: points (earned, redeemed, reversed, expired, oldest first) and tier
 * (upgraded as soon as earned, reviewed yearly, granted by hand). Time comes from the {@link Clock} and the
 * rules from the {@link LoyaltyPolicy} given to each handler; deadlines expire points monthly, review the
 * tier on each enrolment anniversary and end granted tiers.
 */
@Aggregate
class Membership {

    static final String POINTS_EXPIRY = "loyalty-points-expiry";
    static final String TIER_REVIEW = "loyalty-tier-review";
    static final String TIER_GRANT_EXPIRY = "loyalty-tier-grant-expiry";

    @AggregateIdentifier
    private String membershipId;
    private String customerId;
    private Instant enrolledAt;
    private Instant nextReviewAt;
    private Tier tier;
    private TierGrant grant;
    private final PointsLedger ledger = new PointsLedger();
    private final SaleEarnings sales = new SaleEarnings();
    private final Set<String> bonusesAwarded = new HashSet<>();

    Membership() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Membership(EnrolMember command, Clock clock, DeadlineManager deadlines) {
        if (!command.membershipId().equals(MembershipIds.forCustomer(command.customerId()))) {
            throw new RuleViolation("membership-id-mismatch", "A customer's membership id is derived from the customer id");
        }
        Instant now = clock.instant();
        apply(new MemberEnrolled(command.membershipId(), command.customerId(), MembershipIds.memberNumber(command.membershipId()), now));
        // events applied in a constructor reach the state only after it returns: compute from the command
        deadlines.schedule(LoyaltyCalendar.startOfNextMonth(now), POINTS_EXPIRY, new ExpirePoints(command.membershipId()));
        deadlines.schedule(LoyaltyCalendar.nextAnniversary(now, now), TIER_REVIEW, new ReviewTier(command.membershipId()));
    }

    @CommandHandler
    void handle(EarnPointsForSale command, Clock clock, LoyaltyPolicy policy) {
        if (!command.customerId().equals(customerId)) {
            throw new RuleViolation("not-this-members-sale", "Sale " + command.saleId() + " belongs to another customer");
        }
        if (command.netAmount().signum() < 0) {
            throw new RuleViolation("negative-amount", "A sale's net amount cannot be negative");
        }
        Instant now = clock.instant();
        Instant expiresAt = policy.expiryOf(command.purchasedAt());
        if (sales.contains(command.saleId()) || command.purchasedAt().isBefore(enrolledAt) || !expiresAt.isAfter(now)) {
            return; // already credited, bought before enrolment, or its points would already have expired
        }
        long qualifyingPoints = policy.basePoints(command.netAmount());
        long points = policy.salePoints(command.netAmount(), tier, command.channel());
        if (points <= 0) {
            return; // too small to earn a point: not recorded, so not counted as a purchase either
        }
        apply(new PointsEarned(membershipId, customerId, points, true, PointsSource.SALE, command.saleId(),
                command.purchasedAt(), expiresAt, ledger.balance() + points, qualifyingPoints, command.netAmount()));
        upgradeIfQualified(now, policy);
    }

    @CommandHandler
    void handle(AwardBonusPoints command, Clock clock, LoyaltyPolicy policy) {
        if (command.source() == PointsSource.SALE) {
            throw new RuleViolation("not-a-bonus-source", "Sale points are earned from sales, not awarded");
        }
        if (bonusesAwarded.contains(bonusKey(command.source(), command.reference()))) {
            return;
        }
        Instant now = clock.instant();
        apply(new PointsEarned(membershipId, customerId, command.points(), false, command.source(), command.reference(),
                now, policy.expiryOf(now), ledger.balance() + command.points(), 0, null));
    }

    @CommandHandler
    void handle(RedeemPoints command, Clock clock) {
        long balance = ledger.balance();
        if (balance < 0) {
            throw new RuleViolation("balance-negative", "The balance is " + balance + " after a refund; nothing can be redeemed until it is positive");
        }
        if (command.points() > balance) {
            throw new RuleViolation("insufficient-points", "Cannot redeem " + command.points() + " points: the balance is " + balance);
        }
        apply(new PointsRedeemed(membershipId, customerId, command.points(), command.reference(), clock.instant(),
                balance - command.points()));
    }

    @CommandHandler
    void handle(ReversePointsForRefund command, Clock clock) {
        SaleEarning sale = sales.find(command.saleId()).orElse(null);
        if (sale == null || sales.hasRefund(command.saleId(), command.refundId())) {
            return; // a sale that earned nothing here, or a refund already handled
        }
        if (!command.refundAmount().currency().equals(sale.amount().currency())) {
            throw new RuleViolation("refund-currency-mismatch", "Sale " + command.saleId() + " was paid in " + sale.amount().currency());
        }
        if (command.refundAmount().signum() <= 0) {
            throw new RuleViolation("non-positive-amount", "A refund amount must be positive");
        }
        SaleEarning refunded = sale.afterRefund(command.refundAmount());
        long points = refunded.reversedPoints() - sale.reversedPoints();
        if (points == 0) {
            return;
        }
        long qualifyingPointsReversed = refunded.reversedQualifyingPoints() - sale.reversedQualifyingPoints();
        apply(new PointsReversed(membershipId, customerId, points, command.saleId(), command.refundId(), clock.instant(),
                ledger.balance() - points, qualifyingPointsReversed, command.refundAmount()));
    }

    @CommandHandler
    void handle(ExpirePoints command, Clock clock) {
        expireDuePoints(clock.instant());
    }

    @DeadlineHandler(deadlineName = POINTS_EXPIRY)
    void onExpiryDue(ExpirePoints due, Clock clock, DeadlineManager deadlines) {
        Instant now = clock.instant();
        expireDuePoints(now);
        deadlines.schedule(LoyaltyCalendar.startOfNextMonth(now), POINTS_EXPIRY, new ExpirePoints(membershipId));
    }

    @CommandHandler
    void handle(ReviewTier command, Clock clock, LoyaltyPolicy policy, DeadlineManager deadlines) {
        Instant now = clock.instant();
        if (now.isBefore(nextReviewAt)) {
            throw new RuleViolation("review-not-due", "The next tier review is due on the enrolment anniversary, " + nextReviewAt);
        }
        review(now, policy, deadlines);
    }

    @DeadlineHandler(deadlineName = TIER_REVIEW)
    void onReviewDue(ReviewTier due, Clock clock, LoyaltyPolicy policy, DeadlineManager deadlines) {
        Instant now = clock.instant();
        if (now.isBefore(nextReviewAt)) {
            return; // this anniversary's review was already held on demand, which scheduled the next one
        }
        review(now, policy, deadlines);
    }

    @CommandHandler
    void handle(GrantTier command, Clock clock, DeadlineManager deadlines) {
        Instant now = clock.instant();
        if (command.tier() == Tier.BASE) {
            throw new RuleViolation("nothing-to-grant", "Every member has BASE; grant SILVER or higher");
        }
        if (command.tier().compareTo(tier) < 0) {
            throw new RuleViolation("grant-below-current-tier", "The member already has " + tier);
        }
        if (!command.expiresAt().isAfter(now)) {
            throw new RuleViolation("grant-expiry-not-in-future", "A grant must end after now");
        }
        apply(new TierGranted(membershipId, customerId, tier, command.tier(), command.reason(), command.grantedBy(), now,
                command.expiresAt()));
        deadlines.schedule(command.expiresAt(), TIER_GRANT_EXPIRY, new GrantExpiryDue(membershipId, command.expiresAt()));
    }

    @DeadlineHandler(deadlineName = TIER_GRANT_EXPIRY)
    void onGrantExpiryDue(GrantExpiryDue due, Clock clock, LoyaltyPolicy policy) {
        if (grant == null || !grant.expiresAt().equals(due.expiresAt())) {
            return; // replaced by a later grant, or overtaken by an upgrade
        }
        Instant now = clock.instant();
        QualifyingFigures figures = sales.figures(now);
        apply(new TierGrantExpired(membershipId, customerId, tier, policy.qualifiedTier(figures), figures.points(),
                figures.purchases(), now));
    }

    private void upgradeIfQualified(Instant now, LoyaltyPolicy policy) {
        QualifyingFigures figures = sales.figures(now);
        Tier qualified = policy.qualifiedTier(figures);
        if (qualified.compareTo(tier) > 0) {
            apply(new TierUpgraded(membershipId, customerId, tier, qualified, figures.points(), figures.purchases(),
                    policy.upgradeReason(qualified, figures), now));
        }
    }

    private void expireDuePoints(Instant now) {
        PointsLedger.ExpiryRun due = ledger.dueForExpiry(now);
        if (due.points() > 0) {
            apply(new PointsExpired(membershipId, customerId, due.points(), due.earnedBefore(), now,
                    ledger.balance() - due.points()));
        }
    }

    /** Down one tier at most, and only when the figures miss the current tier and no granted tier protects it. */
    private void review(Instant now, LoyaltyPolicy policy, DeadlineManager deadlines) {
        QualifyingFigures figures = sales.figures(now);
        boolean protectedByGrant = grant != null && grant.activeAt(now);
        if (protectedByGrant || policy.qualifiedTier(figures).compareTo(tier) >= 0) {
            apply(new TierRetained(membershipId, customerId, tier, figures.points(), figures.purchases(), now));
        } else {
            apply(new TierDowngraded(membershipId, customerId, tier, tier.previous(), figures.points(), figures.purchases(),
                    policy.downgradeReason(tier, figures), now));
        }
        deadlines.schedule(nextReviewAt, TIER_REVIEW, new ReviewTier(membershipId));
    }

    private static String bonusKey(PointsSource source, String reference) {
        return source + "/" + reference;
    }

    @EventSourcingHandler
    void on(MemberEnrolled event) {
        membershipId = event.membershipId();
        customerId = event.customerId();
        enrolledAt = event.enrolledAt();
        nextReviewAt = LoyaltyCalendar.nextAnniversary(enrolledAt, enrolledAt);
        tier = Tier.BASE;
    }

    @EventSourcingHandler
    void on(PointsEarned event) {
        if (event.source() == PointsSource.SALE) {
            sales.record(SaleEarning.of(event.reference(), event.earnedAt(), event.saleAmount(), event.points(),
                    event.qualifyingPoints()));
        } else {
            bonusesAwarded.add(bonusKey(event.source(), event.reference()));
        }
        ledger.credit(new PointsLot(event.reference(), event.source(), event.earnedAt(), event.expiresAt(), event.points()));
    }

    @EventSourcingHandler
    void on(PointsRedeemed event) {
        ledger.redeem(event.points());
    }

    @EventSourcingHandler
    void on(PointsReversed event) {
        sales.refund(event);
        ledger.reverse(event.saleId(), event.points());
    }

    @EventSourcingHandler
    void on(PointsExpired event) {
        ledger.expire(event.expiredAt());
    }

    @EventSourcingHandler
    void on(TierUpgraded event) {
        tier = event.to();
        grant = null; // a tier earned above a granted one supersedes the grant
    }

    @EventSourcingHandler
    void on(TierGranted event) {
        tier = event.to();
        grant = new TierGrant(event.to(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(TierGrantExpired event) {
        tier = event.to();
        grant = null;
    }

    @EventSourcingHandler
    void on(TierRetained event) {
        nextReviewAt = LoyaltyCalendar.nextAnniversary(enrolledAt, event.reviewedAt());
    }

    @EventSourcingHandler
    void on(TierDowngraded event) {
        tier = event.to();
        nextReviewAt = LoyaltyCalendar.nextAnniversary(enrolledAt, event.downgradedAt());
    }
}

package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.command.FixtureClock;
import dev.rapport.command.RuleViolations;
import dev.rapport.events.common.Money;
import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;

/** A member, enrolled on 10 January 2025, and the commands and events the membership tests build on. */
final class MembershipFixtures {

    static final String CUSTOMER = "c-42";
    static final String ID = MembershipIds.forCustomer(CUSTOMER);
    static final Instant ENROLLED = Instant.parse("2025-01-10T08:00:00Z");

    private MembershipFixtures() {
    }

    static AggregateTestFixture<Membership> fixture() {
        return fixture(LoyaltyProperties.defaults());
    }

    static AggregateTestFixture<Membership> fixture(LoyaltyProperties properties) {
        AggregateTestFixture<Membership> fixture = new AggregateTestFixture<>(Membership.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(new LoyaltyPolicy(properties));
        fixture.registerCommandDispatchInterceptor(new BeanValidationInterceptor<>());
        return fixture;
    }

    static MemberEnrolled enrolled() {
        return new MemberEnrolled(ID, CUSTOMER, MembershipIds.memberNumber(ID), ENROLLED);
    }

    static EarnPointsForSale sale(String saleId, String amount, Instant purchasedAt) {
        return sale(saleId, cny(amount), SalesChannel.STORE, purchasedAt);
    }

    static EarnPointsForSale sale(String saleId, Money amount, SalesChannel channel, Instant purchasedAt) {
        return new EarnPointsForSale(ID, CUSTOMER, saleId, amount, channel, purchasedAt);
    }

    static AwardBonusPoints campaignBonus(long points, String campaign) {
        return new AwardBonusPoints(ID, points, PointsSource.CAMPAIGN, campaign);
    }

    /** A sale of {@code yuan} at BASE: every point it earned qualifies. */
    static PointsEarned earnedFromSale(String saleId, long yuan, Instant boughtAt, long balanceAfter) {
        return new PointsEarned(ID, CUSTOMER, yuan, true, PointsSource.SALE, saleId, boughtAt,
                LoyaltyCalendar.expiryOf(boughtAt, 24), balanceAfter, yuan, cny(Long.toString(yuan)));
    }

    /** A refund of a sale earned at BASE: the qualifying points reversed are the points reversed. */
    static PointsReversed reversedForRefund(String saleId, String refundId, long points, String refundYuan, Instant at,
                                            long balanceAfter) {
        return new PointsReversed(ID, CUSTOMER, points, saleId, refundId, at, balanceAfter, points, cny(refundYuan));
    }

    static TierUpgraded upgraded(Tier from, Tier to, Instant at) {
        return new TierUpgraded(ID, CUSTOMER, from, to, 0, 0, "given", at);
    }

    static TierGranted granted(Tier from, Tier to, Instant at, Instant expiresAt) {
        return new TierGranted(ID, CUSTOMER, from, to, "status match", "alice@crm", at, expiresAt);
    }

    /** The exception is a {@link RuleViolation} with this code. */
    static Matcher<RuleViolation> violation(String code) {
        return RuleViolations.withCode(code);
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}

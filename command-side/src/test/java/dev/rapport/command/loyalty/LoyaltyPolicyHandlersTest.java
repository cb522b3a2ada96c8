package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.sales.SaleLine;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class LoyaltyPolicyHandlersTest {

    private static final Instant BOUGHT = at("2025-06-14T12:00:00Z");

    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final LoyaltyPolicyHandlers policy = new LoyaltyPolicyHandlers(gateway);

    @Test
    void aSaleEarnsPointsOnTheCustomersMembershipForItsTotal() {
        policy.on(saleRecorded());
        assertThat(gateway.sentPayloads()).containsExactly(
                new EarnPointsForSale(ID, CUSTOMER, "s-1", cny("1234.50"), SalesChannel.APP, BOUGHT));
    }

    @Test
    void aRefundReversesPointsForItsAmount() {
        policy.on(new SaleRefunded("s-1", CUSTOMER, "r-1", cny("200"), "damaged", BOUGHT.plusSeconds(86_400), cny("1034.50")));
        assertThat(gateway.sentPayloads()).containsExactly(new ReversePointsForRefund(ID, "s-1", "r-1", cny("200")));
    }

    @Test
    void aComplaintCompensatedWithBonusPointsAwardsThemOncePerComplaint() {
        policy.on(resolved(new Compensation(800L, null, "VOUCHER-1")));
        assertThat(gateway.sentPayloads()).containsExactly(
                new AwardBonusPoints(ID, 800, PointsSource.COMPLAINT_COMPENSATION, "cmp-7"));
    }

    @Test
    void aComplaintWithoutBonusPointsSendsNothing() {
        policy.on(resolved(null));
        policy.on(resolved(new Compensation(null, "refund-9", null)));
        policy.on(resolved(new Compensation(0L, null, "VOUCHER-1")));
        assertThat(gateway.sentPayloads()).isEmpty();
    }

    @Test
    void theSameEventTwiceSendsTheSameCommandWhichTheMembershipIgnoresTheSecondTime() {
        policy.on(saleRecorded());
        policy.on(saleRecorded());
        assertThat(gateway.sentPayloads()).hasSize(2).containsOnly(gateway.sentPayloads().get(0));
    }

    @Test
    void aCustomerWithoutMembershipIsNoMember() {
        gateway.failWith(command -> new AggregateNotFoundException(ID, "no membership"));
        assertThatCode(() -> policy.on(saleRecorded())).doesNotThrowAnyException();
    }

    @Test
    void aMissingMembershipReportedFromAnotherNodeIsNoMemberEither() {
        gateway.failWith(command -> new CommandExecutionException("remote", new AggregateNotFoundException(ID, "no membership")));
        assertThatCode(() -> policy.on(saleRecorded())).doesNotThrowAnyException();
    }

    @Test
    void aMissingMembershipDescribedByAxonServerIsNoMemberEither() {
        gateway.failWith(command -> remoteFailure(AggregateNotFoundException.class.getName() + ": no membership"));
        assertThatCode(() -> policy.on(saleRecorded())).doesNotThrowAnyException();
    }

    @Test
    void aCommandRefusedOnAnotherNodeIsNotRetried() {
        gateway.failWith(command -> remoteFailure(RuleViolation.class.getName() + ": No exchange rate from XYZ"));
        assertThatCode(() -> policy.on(saleRecorded())).doesNotThrowAnyException();
    }

    @Test
    void aTechnicalFailureOnAnotherNodeIsPassedOn() {
        gateway.failWith(command -> remoteFailure(ConcurrencyException.class.getName() + ": changed meanwhile"));
        assertThatThrownBy(() -> policy.on(saleRecorded())).isInstanceOf(CommandExecutionException.class);
    }

    @Test
    void aRefusedCommandIsNotRetried() {
        gateway.failWith(command -> new RuleViolation("unknown-currency", "No exchange rate from XYZ"));
        assertThatCode(() -> policy.on(saleRecorded())).doesNotThrowAnyException();
    }

    @Test
    void aTechnicalFailureIsPassedOnSoTheProcessorRetries() {
        gateway.failWith(command -> new ConcurrencyException("changed meanwhile"));
        assertThatThrownBy(() -> policy.on(saleRecorded())).isInstanceOf(ConcurrencyException.class);
    }

    private static CommandExecutionException remoteFailure(String description) {
        return new CommandExecutionException("remote", new RemoteHandlingException(new RemoteExceptionDescription(List.of(description))));
    }

    private static SaleRecorded saleRecorded() {
        return new SaleRecorded("s-1", CUSTOMER, "order-1", SalesChannel.APP,
                List.of(new SaleLine("p-1", "books", 1, cny("1234.50"))), cny("1234.50"), BOUGHT, BOUGHT.plusSeconds(5));
    }

    private static ComplaintResolved resolved(Compensation compensation) {
        return new ComplaintResolved("cmp-7", CUSTOMER, "Replaced the item", compensation, "bob@crm", BOUGHT, true,
                BOUGHT.plusSeconds(3 * 86_400));
    }
}

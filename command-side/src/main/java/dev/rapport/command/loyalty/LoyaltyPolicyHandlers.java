package dev.rapport.command.loyalty;

import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Points follow what happens elsewhere: a sale earns, a refund reverses, a complaint's compensation awards
 * bonus points. Only members are concerned: for a customer without a membership the command finds no
 * aggregate and nothing happens. Safe to repeat (after a retry or a replay): the membership ignores a sale,
 * refund or bonus reference it has already seen.
 */
@Component
@ProcessingGroup(LoyaltyPolicyHandlers.PROCESSING_GROUP)
class LoyaltyPolicyHandlers {

    static final String PROCESSING_GROUP = "loyalty-policy";

    private static final Logger log = LoggerFactory.getLogger(LoyaltyPolicyHandlers.class);

    private final CommandGateway commands;

    LoyaltyPolicyHandlers(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(SaleRecorded sale) {
        sendToMembership(new EarnPointsForSale(MembershipIds.forCustomer(sale.customerId()), sale.customerId(), sale.saleId(),
                sale.total(), sale.channel(), sale.occurredAt()));
    }

    @EventHandler
    void on(SaleRefunded refund) {
        sendToMembership(new ReversePointsForRefund(MembershipIds.forCustomer(refund.customerId()), refund.saleId(),
                refund.refundId(), refund.amount()));
    }

    @EventHandler
    void on(ComplaintResolved resolved) {
        if (resolved.compensation() == null || !resolved.compensation().hasBonusPoints()) {
            return;
        }
        sendToMembership(new AwardBonusPoints(MembershipIds.forCustomer(resolved.customerId()),
                resolved.compensation().bonusPoints(), PointsSource.COMPLAINT_COMPENSATION, resolved.complaintId()));
    }

    private void sendToMembership(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException failure) {
            if (CommandFailures.causedBy(failure, AggregateNotFoundException.class)) {
                log.debug("Not a member, nothing to do: {}", command);
            } else if (CommandFailures.causedBy(failure, RuleViolation.class)
                    || CommandFailures.causedBy(failure, JSR303ViolationException.class)) {
                // retrying cannot change a business decision; say so and move on
                log.warn("The membership refused {}: {}", command, failure.getMessage());
            } else {
                throw failure;
            }
        }
    }
}

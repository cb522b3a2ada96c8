package dev.rapport.command.interaction;

import dev.rapport.command.complaint.RecordComplaintFollowUp;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An interaction logged with a complaint id is that complaint's follow-up contact (回访): tell the
 * complaint, which stops its follow-up deadline. A contact the complaint cannot count (not resolved
 * yet, unknown complaint) is still a logged interaction; it just is not a follow-up.
 */
@Component
@ProcessingGroup(ComplaintFollowUpPolicy.PROCESSING_GROUP)
class ComplaintFollowUpPolicy {

    static final String PROCESSING_GROUP = "complaint-follow-up-policy";
    private static final Logger log = LoggerFactory.getLogger(ComplaintFollowUpPolicy.class);

    private final CommandGateway commands;

    ComplaintFollowUpPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(InteractionLogged event) {
        if (event.complaintId() == null) {
            return;
        }
        try {
            commands.sendAndWait(new RecordComplaintFollowUp(event.complaintId(), event.interactionId(), event.occurredAt()));
        } catch (RuleViolation | AggregateNotFoundException notAFollowUp) {
            log.info("Interaction {} names complaint {} but does not count as its follow-up: {}",
                    event.interactionId(), event.complaintId(), notAFollowUp.getMessage());
        }
    }
}

package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * A customer complained (投诉). The SLA clock starts.
 *
 * @param complaintId       the complaint's id
 * @param customerId        who complained
 * @param category          what about
 * @param severity          how serious
 * @param channel           where it came in
 * @param description       the customer's account, free text
 * @param filedAt           when it was filed
 * @param acknowledgeDueBy  the acknowledgement deadline
 * @param resolveDueBy      the resolution deadline
 */
public record ComplaintFiled(String complaintId, @DataSubject String customerId, ComplaintCategory category, Severity severity,
                             InteractionChannel channel, @PersonalData String description, Instant filedAt,
                             Instant acknowledgeDueBy, Instant resolveDueBy) {
}

package dev.rapport.events.interaction;

import java.time.Instant;

import dev.rapport.events.EventRevision;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * A contact with the customer happened and was logged, so the next employee knows about it.
 *
 * @param interactionId the interaction's id
 * @param customerId    the customer contacted
 * @param channel       where it happened
 * @param direction     who started it
 * @param language      the language the contact was held in, an IETF language tag such as {@code zh-CN};
 *                      null when unknown, as for every contact logged before revision 2
 * @param topic         what it was about, short
 * @param outcome       what came of it, free text, optional
 * @param handledBy     the employee or system that handled it
 * @param satisfaction  the customer's satisfaction 1–5 if asked, else null
 * @param sentiment     the customer's mood, optional
 * @param survey        a five-dimension survey if one was taken, else null
 * @param complaintId   the complaint this contact follows up (回访), else null
 * @param occurredAt    when the contact happened
 * @param loggedAt      when it was logged
 */
@EventRevision(value = "2", upcasters = @EventRevision.Upcaster(from = "", to = "2",
        by = "InteractionLoggedLanguageUpcaster",
        change = "adds `language` as null: the language of contacts logged before it was recorded is unknown"))
public record InteractionLogged(
        String interactionId,
        @DataSubject String customerId,
        InteractionChannel channel,
        Direction direction,
        String language,
        String topic,
        @PersonalData String outcome,
        String handledBy,
        Integer satisfaction,
        Sentiment sentiment,
        ServiceScores survey,
        String complaintId,
        Instant occurredAt,
        Instant loggedAt) {
}

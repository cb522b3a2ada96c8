package dev.rapport.command.interaction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.interaction.ServiceScores;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One logged contact with a customer. The customer's existence is checked before dispatch. */
@Aggregate
class Interaction {

    /** Clocks of the systems that report contacts disagree a little; more than this is a mistake. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String interactionId;

    Interaction() {
        // for Axon
    }

    @CommandHandler
    Interaction(LogInteraction command, Clock clock) {
        Instant now = clock.instant();
        Instant occurredAt = command.occurredAt() == null ? now : command.occurredAt();
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new RuleViolation("occurred-in-future", "An interaction cannot have happened after now (" + now + ")");
        }
        var survey = command.survey() == null ? null : new ServiceScores(command.survey().reliability(), command.survey().tangibles(),
                command.survey().responsiveness(), command.survey().assurance(), command.survey().empathy(), command.survey().overall());
        apply(new InteractionLogged(command.interactionId(), command.customerId(), command.channel(), command.direction(),
                languageTag(command.language()), command.topic().strip(), blankToNull(command.outcome()), command.handledBy(),
                command.satisfaction(), command.sentiment(), survey, blankToNull(command.complaintId()), occurredAt, now));
    }

    /** The tag in its canonical case ({@code zh-cn} is {@code zh-CN}), null when none was given. */
    private static String languageTag(String language) {
        String tag = blankToNull(language);
        return tag == null ? null : Locale.forLanguageTag(tag).toLanguageTag();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(InteractionLogged event) {
        interactionId = event.interactionId();
    }
}

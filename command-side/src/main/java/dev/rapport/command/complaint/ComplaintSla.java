package dev.rapport.command.complaint;

import java.time.Duration;

import dev.rapport.events.complaint.Severity;

/**
 * How long each step of a complaint may take: the policy the {@link Complaint} dates its deadlines by.
 * Given to its handlers as a parameter, so tests hand it whatever SLA they need.
 */
class ComplaintSla {

    private final ComplaintSlaProperties properties;

    ComplaintSla(ComplaintSlaProperties properties) {
        this.properties = properties;
    }

    Duration acknowledgeWithin(Severity severity) {
        return properties.acknowledge().of(severity);
    }

    Duration resolveWithin(Severity severity) {
        return properties.resolve().of(severity);
    }

    Duration followUpWithin() {
        return properties.followUp();
    }
}

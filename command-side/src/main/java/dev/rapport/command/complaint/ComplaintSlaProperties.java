package dev.rapport.command.complaint;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;

import java.time.Duration;

import dev.rapport.events.complaint.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The complaint SLA as configured, e.g. {@code rapport.complaints.sla.acknowledge.high=6h},
 * {@code rapport.complaints.sla.resolve.low=10d}, {@code rapport.complaints.sla.follow-up=2d}.
 * Whatever is not set keeps its default: acknowledge within 24 h (HIGH 8 h, CRITICAL 2 h), resolve
 * within 7 days (HIGH 4 days, CRITICAL 2 days), follow up within 3 days of the resolution.
 *
 * @param acknowledge how long after filing the complaint must be acknowledged
 * @param resolve     how long after filing (or reopening) it must be resolved
 * @param followUp    how long after the resolution the customer must be contacted
 */
@ConfigurationProperties("rapport.complaints.sla")
record ComplaintSlaProperties(BySeverity acknowledge, BySeverity resolve, Duration followUp) {

    static final BySeverity DEFAULT_ACKNOWLEDGE = new BySeverity(ofHours(24), ofHours(24), ofHours(8), ofHours(2));
    static final BySeverity DEFAULT_RESOLVE = new BySeverity(ofDays(7), ofDays(7), ofDays(4), ofDays(2));
    static final Duration DEFAULT_FOLLOW_UP = ofDays(3);

    ComplaintSlaProperties {
        acknowledge = acknowledge == null ? DEFAULT_ACKNOWLEDGE : acknowledge.orElse(DEFAULT_ACKNOWLEDGE);
        resolve = resolve == null ? DEFAULT_RESOLVE : resolve.orElse(DEFAULT_RESOLVE);
        followUp = followUp == null ? DEFAULT_FOLLOW_UP : followUp;
        requirePositive("follow-up", followUp);
    }

    static ComplaintSlaProperties defaults() {
        return new ComplaintSlaProperties(null, null, null);
    }

    /** One duration per severity; a null one is taken from the defaults. */
    record BySeverity(Duration low, Duration medium, Duration high, Duration critical) {

        Duration of(Severity severity) {
            return switch (severity) {
                case LOW -> low;
                case MEDIUM -> medium;
                case HIGH -> high;
                case CRITICAL -> critical;
            };
        }

        BySeverity orElse(BySeverity defaults) {
            BySeverity merged = new BySeverity(low != null ? low : defaults.low, medium != null ? medium : defaults.medium,
                    high != null ? high : defaults.high, critical != null ? critical : defaults.critical);
            for (Severity severity : Severity.values()) {
                requirePositive(severity.name().toLowerCase(), merged.of(severity));
            }
            return merged;
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The complaint SLA for " + name + " must be positive, not " + duration);
        }
    }
}

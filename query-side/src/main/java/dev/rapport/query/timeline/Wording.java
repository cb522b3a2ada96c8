package dev.rapport.query.timeline;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.rapport.events.common.Money;

/**
 * How numbers, money, instants and durations read in timeline sentences: English, grouped thousands,
 * UTC. Every method accepts null (an event from a future shape must never stop the projection).
 */
final class Wording {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Wording() {
    }

    static String money(Money money) {
        if (money == null) {
            return "an unknown amount";
        }
        // DecimalFormat is not thread-safe: one per call
        DecimalFormat format = new DecimalFormat("#,##0.00########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(money.amount()) + " " + money.currency();
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String points(long value) {
        return count(value) + (Math.abs(value) == 1 ? " point" : " points");
    }

    static String minute(Instant instant) {
        return instant == null ? "an unknown time" : MINUTE.format(instant);
    }

    static String day(Instant instant) {
        return instant == null ? "an unknown date" : DAY.format(instant);
    }

    /** e.g. "2 d 3 h", "5 h 30 min", "12 min", "40 s". */
    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        if (d.toDays() > 0) {
            return d.toDays() + " d" + (d.toHoursPart() > 0 ? " " + d.toHoursPart() + " h" : "");
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h" + (d.toMinutesPart() > 0 ? " " + d.toMinutesPart() + " min" : "");
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    static String sla(boolean withinSla) {
        return withinSla ? "within SLA" : "late";
    }

    static String lowerCase(Enum<?> value) {
        return value == null ? "unknown" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

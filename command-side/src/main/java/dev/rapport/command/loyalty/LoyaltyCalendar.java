package dev.rapport.command.loyalty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** The programme's dates, all in UTC: months for expiry, anniversaries for reviews, the rolling window. */
final class LoyaltyCalendar {

    static final int QUALIFICATION_MONTHS = 12;

    private LoyaltyCalendar() {
    }

    /** The first instant of the month after the one {@code instant} falls in. */
    static Instant startOfNextMonth(Instant instant) {
        return utc(instant).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1).toInstant();
    }

    /** Points earned at {@code earnedAt} expire at the start of the month after the earning month, plus the validity. */
    static Instant expiryOf(Instant earnedAt, int validityMonths) {
        return utc(startOfNextMonth(earnedAt)).plusMonths(validityMonths).toInstant();
    }

    /** The start (exclusive) of the rolling qualification window that ends at {@code now}. */
    static Instant qualificationWindowStart(Instant now) {
        return utc(now).minusMonths(QUALIFICATION_MONTHS).toInstant();
    }

    /** The first enrolment anniversary strictly after {@code after} (29 February falls on 28 February). */
    static Instant nextAnniversary(Instant enrolledAt, Instant after) {
        ZonedDateTime enrolment = utc(enrolledAt);
        int years = Math.max(1, (int) ChronoUnit.YEARS.between(enrolment, utc(after)));
        ZonedDateTime anniversary = enrolment.plusYears(years);
        while (!anniversary.toInstant().isAfter(after)) {
            anniversary = enrolment.plusYears(++years);
        }
        return anniversary.toInstant();
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}

package dev.rapport.query.churn.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A customer's distinct purchase days (UTC dates, ascending) and the BG/NBD history they give for a period ending
 * on a day. The conventions, which reproduce the published reference fit of CDNOW: purchases on the end day are in
 * the period; the first purchase is the customer's "birth" (not counted in x); weeks are days / 7; T runs from the
 * first purchase day to the end day (a customer whose first purchase is on the end day has T = 0).
 */
public record PurchaseDays(List<LocalDate> days) {

    public PurchaseDays {
        days = List.copyOf(days);
        for (int i = 1; i < days.size(); i++) {
            if (!days.get(i - 1).isBefore(days.get(i))) {
                throw new IllegalArgumentException("purchase days must be distinct and ascending: " + days);
            }
        }
    }

    /** The history up to and including {@code end}; empty when the first purchase is after it (not yet a customer). */
    public Optional<CustomerHistory> historyUpTo(LocalDate end) {
        if (days.isEmpty() || days.get(0).isAfter(end)) {
            return Optional.empty();
        }
        LocalDate first = days.get(0);
        int inPeriod = (int) days.stream().filter(day -> !day.isAfter(end)).count();
        LocalDate last = days.get(inPeriod - 1);
        return Optional.of(CustomerHistory.ofDays(inPeriod - 1, ChronoUnit.DAYS.between(first, last), ChronoUnit.DAYS.between(first, end)));
    }

    /** Purchase days after {@code start} up to and including {@code end}. */
    public int between(LocalDate start, LocalDate end) {
        return (int) days.stream().filter(day -> day.isAfter(start) && !day.isAfter(end)).count();
    }

    /** Weeks from one day to another, as the model counts them. */
    public static double weeksBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / 7.0;
    }
}

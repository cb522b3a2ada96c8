package dev.rapport.query.churn;

import java.time.Instant;
import java.time.LocalDate;

import dev.rapport.query.churn.model.BgNbdParameters;

/**
 * One fit of the BG/NBD churn model.
 *
 * @param version          increasing; the highest is the current model
 * @param fittedAt         when
 * @param fittedBy         the user who asked, or {@code schedule}
 * @param calibrationStart the earliest first purchase day of the customers in the fit
 * @param calibrationEnd   the last day of the calibration period (its purchases included)
 * @param customers        customers in the fit (first purchase on or before the end)
 * @param repeatCustomers  of them, those with at least one repeat purchase
 * @param repeatPurchases  their repeat purchases (distinct purchase days after the first)
 * @param parameters       the maximum-likelihood estimate
 * @param logLikelihood    at the estimate
 * @param evaluations      likelihood evaluations the optimiser used
 * @param startsAgree      whether every start of the optimiser found the same maximum
 */
public record ChurnModelVersion(long version, Instant fittedAt, String fittedBy, LocalDate calibrationStart,
                                LocalDate calibrationEnd, int customers, int repeatCustomers, long repeatPurchases,
                                BgNbdParameters parameters, double logLikelihood, int evaluations, boolean startsAgree) {
}

package dev.rapport.query.churn.model;

/**
 * A maximum-likelihood fit of the BG/NBD model.
 *
 * @param parameters    the maximum found
 * @param logLikelihood its log-likelihood
 * @param customers     customers in the fit
 * @param evaluations   likelihood evaluations the optimiser used, over every start
 * @param startsAgree   whether every start of the optimiser ended at the same maximum (relative difference of
 *                      each parameter below 1e-3): when false, the surface is flat or multimodal here
 */
public record BgNbdFit(BgNbdParameters parameters, double logLikelihood, int customers, int evaluations, boolean startsAgree) {
}

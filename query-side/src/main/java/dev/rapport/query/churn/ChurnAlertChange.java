package dev.rapport.query.churn;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A committed change of a customer's alert, as pushed on the stream.
 *
 * @param customerId the customer
 * @param level      the alert's level now; null when the alert was cleared
 * @param reasons    the reasons now; empty when cleared
 * @param changedAt  the business time of the event, or the evaluation time, that changed it
 */
public record ChurnAlertChange(String customerId,
                               @Schema(description = "null when the alert was cleared") ChurnLevel level,
                               List<ChurnAlert.Reason> reasons, Instant changedAt) {
}

package dev.rapport.query.churn;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer's churn alert: the highest level of the reasons that hold now.
 *
 * @param customerId the customer
 * @param level      the highest level of the reasons
 * @param raisedAt   when the earliest reason still present was raised
 * @param updatedAt  when the alert last changed (a reason raised, cleared or changing level)
 * @param reasons    highest level first
 * @param pAlive     the churn model's P(alive) of the customer at the last scoring; null without a model or purchase
 */
public record ChurnAlert(String customerId, ChurnLevel level, Instant raisedAt, Instant updatedAt, List<Reason> reasons,
                         @Schema(description = "BG/NBD P(alive) at the last scoring; null without a fitted model or a purchase") Double pAlive) {

    /**
     * @param reason          what it is
     * @param level           how urgent
     * @param detail          the figures behind it, for a person
     * @param source          the complaint id for COMPLAINT; null for the other reasons
     * @param raisedAt        the business time of the event that raised it; for the time-based reasons (OVERDUE, SPEND_DROP, LOW_P_ALIVE) the time of the
     *                        evaluation that first found it
     * @param suggestedAction what to do about it
     */
    public record Reason(ChurnReason reason, ChurnLevel level, String detail,
                         @Schema(description = "the complaint id for COMPLAINT; null otherwise") String source,
                         Instant raisedAt, RetentionAction suggestedAction) {
    }
}

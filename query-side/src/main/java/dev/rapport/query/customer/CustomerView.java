package dev.rapport.query.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Customer 360 as served to API clients. */
public record CustomerView(
        String customerId,
        String displayName,
        String type,
        String email,
        String phone,
        String preferredChannel,
        String locale,
        String region,
        LocalDate dateOfBirth,
        String industry,
        Integer companySize,
        List<String> tags,
        Instant registeredAt,
        Instant updatedAt,
        Relationship relationship,
        Purchases purchases,
        Service service,
        Loyalty loyalty,
        Segments segments,
        ChurnModel churnModel) {

    /** Status, consent and the people around the customer. */
    public record Relationship(String status, String closureReason, Instant closedAt, boolean partner, String accountManagerId,
                               int referrals, Map<String, Boolean> consents, Map<String, String> preferences) {
    }

    /** Purchase history; spend in the reporting currency, refunds deducted. The 12-month figures are as of the answer. */
    public record Purchases(Instant firstPurchaseAt, Instant lastPurchaseAt, int purchaseCount, BigDecimal grossSpend,
                            BigDecimal refunded, BigDecimal netSpend, BigDecimal averageOrderValue, int purchases12m,
                            BigDecimal netSpend12m) {
    }

    /** Contacts and complaints. */
    public record Service(int openComplaints, Instant lastInteractionAt, String lastInteractionChannel, String lastInteractionBy,
                          Integer lastSatisfaction, Instant lastSatisfactionAt) {
    }

    /** Loyalty programme membership, if any. */
    public record Loyalty(String membershipId, String tier, Long pointsBalance) {
    }

    /** Stages and scores from the last segmentation run ({@code asOf}). */
    public record Segments(String ladderStage, String lifecycleStage, String churnLevel, String rfmSegment, Integer recencyScore,
                           Integer frequencyScore, Integer monetaryScore, String abcClass, String valueClass, Instant asOf) {
    }

    /**
     * The BG/NBD churn model's view of the customer at the last scoring (null without a fitted model or a purchase):
     * the probability of still being a customer and the purchases (distinct purchase days) expected in the next 4, 13
     * and 52 weeks, from the history up to {@code asOf}.
     */
    public record ChurnModel(double pAlive, double expectedPurchases4Weeks, double expectedPurchases13Weeks,
                             double expectedPurchases52Weeks, int repeatPurchases, long modelVersion, LocalDate asOf) {
    }
}

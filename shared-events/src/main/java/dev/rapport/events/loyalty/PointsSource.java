package dev.rapport.events.loyalty;

/** Why points were credited. Only {@link #SALE} points qualify for tiers. */
public enum PointsSource {
    SALE, CAMPAIGN, COMPLAINT_COMPENSATION
}

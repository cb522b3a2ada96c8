package dev.rapport.query.loyalty;

import java.util.List;

import dev.rapport.events.loyalty.Tier;

/**
 * How many members hold each tier (a granted tier counts as held).
 *
 * @param tiers every tier, lowest first, zeros included
 * @param total all members
 */
public record TierDistribution(List<TierCount> tiers, long total) {

    public record TierCount(Tier tier, long members) {
    }
}

package dev.rapport.events.loyalty;

/** Loyalty tiers, lowest first (普卡 / 银卡 / 金卡 / 白金卡). */
public enum Tier {
    BASE, SILVER, GOLD, PLATINUM;

    public Tier next() {
        return this == PLATINUM ? PLATINUM : values()[ordinal() + 1];
    }

    public Tier previous() {
        return this == BASE ? BASE : values()[ordinal() - 1];
    }
}

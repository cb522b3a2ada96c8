package dev.rapport.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** A weighted mix of command kinds. */
final class Mix {

    enum Op { SALE, INTERACTION, REFUND, PROFILE_UPDATE, BONUS_POINTS, REDEMPTION, COMPLAINT_STEP }

    /** The append mix: 60% sales, 25% interactions, 10% loyalty redemptions, 5% complaint steps. */
    static final Mix APPEND = new Mix(Map.of(Op.SALE, 60, Op.INTERACTION, 25, Op.REDEMPTION, 10, Op.COMPLAINT_STEP, 5));

    /** The data generator's mix: every kind of fact a CRM records. */
    static final Mix GENERATOR = new Mix(Map.of(Op.SALE, 44, Op.INTERACTION, 22, Op.REFUND, 4, Op.PROFILE_UPDATE, 4,
            Op.BONUS_POINTS, 4, Op.REDEMPTION, 8, Op.COMPLAINT_STEP, 14));

    static final Mix SALES_ONLY = new Mix(Map.of(Op.SALE, 100));

    private final Op[] table = new Op[100];

    Mix(Map<Op, Integer> weights) {
        Map<Op, Integer> ordered = new EnumMap<>(weights);
        int i = 0;
        for (var weight : ordered.entrySet()) {
            for (int n = 0; n < weight.getValue(); n++) {
                table[i++] = weight.getKey();
            }
        }
        if (i != 100) {
            throw new IllegalArgumentException("weights must add up to 100: " + weights);
        }
    }

    Op pick(Random random) {
        return table[random.nextInt(100)];
    }
}

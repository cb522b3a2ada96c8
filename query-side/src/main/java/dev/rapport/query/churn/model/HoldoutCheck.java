package dev.rapport.query.churn.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The model's forecast for a holdout period against what happened, as FHL section 4 reports it: total repeat
 * purchases predicted (Σ E[Y(t) | x, t_x, T] over the calibration customers) and actual, and the means per
 * calibration frequency x = 0, 1, …, 6 and 7+ (FHL Figure 4, "conditional expectations").
 */
public final class HoldoutCheck {

    /** Customers with this many repeat purchases in calibration or more share the last group. */
    public static final int LAST_GROUP = 7;

    private HoldoutCheck() {
    }

    /**
     * @param history the calibration history
     * @param actual  purchase days in the holdout period
     */
    public record Customer(CustomerHistory history, int actual) {
    }

    /**
     * @param repeatPurchasesInCalibration x of the group ("7+" for the last)
     * @param customers                     how many
     * @param meanPredicted                 mean E[Y(t)]
     * @param meanActual                    mean purchases in the holdout period
     */
    public record Group(String repeatPurchasesInCalibration, int customers, double meanPredicted, double meanActual) {
    }

    public record Result(int customers, double weeks, double predicted, long actual, List<Group> groups) {
    }

    public static Result check(BgNbdParameters parameters, Collection<Customer> customers, double weeks) {
        int[] count = new int[LAST_GROUP + 1];
        double[] predicted = new double[LAST_GROUP + 1];
        long[] actual = new long[LAST_GROUP + 1];
        for (Customer customer : customers) {
            int group = Math.min(customer.history().x(), LAST_GROUP);
            count[group]++;
            predicted[group] += BgNbd.expectedPurchases(parameters, customer.history(), weeks);
            actual[group] += customer.actual();
        }
        List<Group> groups = new ArrayList<>();
        double predictedTotal = 0;
        long actualTotal = 0;
        for (int x = 0; x <= LAST_GROUP; x++) {
            predictedTotal += predicted[x];
            actualTotal += actual[x];
            if (count[x] > 0) {
                groups.add(new Group(x == LAST_GROUP ? LAST_GROUP + "+" : Integer.toString(x), count[x],
                        predicted[x] / count[x], (double) actual[x] / count[x]));
            }
        }
        return new Result(customers.size(), weeks, predictedTotal, actualTotal, groups);
    }
}

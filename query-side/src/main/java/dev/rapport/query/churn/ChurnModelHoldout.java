package dev.rapport.query.churn;

import java.time.LocalDate;
import java.util.List;

import dev.rapport.query.churn.model.HoldoutCheck;

/**
 * A model version's forecast for the period after its calibration, against what the customers did.
 *
 * @param modelVersion     the version checked
 * @param calibrationEnd   its calibration's last day
 * @param holdoutStart     the day after it
 * @param holdoutEnd       the last day of the holdout period (its purchases included)
 * @param weeks            the holdout period's length
 * @param customers        the calibration customers
 * @param predicted        total repeat purchases the model expects in the holdout period
 * @param actual           purchase days the customers had in it
 * @param predictedToActual predicted / actual (below 1: the model under-predicts)
 * @param byFrequency      means per repeat purchases in calibration (0 … 6, 7+)
 */
public record ChurnModelHoldout(long modelVersion, LocalDate calibrationEnd, LocalDate holdoutStart, LocalDate holdoutEnd, double weeks,
                                int customers, double predicted, long actual, Double predictedToActual, List<HoldoutCheck.Group> byFrequency) {

    static ChurnModelHoldout of(ChurnModelVersion version, LocalDate holdoutEnd, HoldoutCheck.Result result) {
        return new ChurnModelHoldout(version.version(), version.calibrationEnd(), version.calibrationEnd().plusDays(1), holdoutEnd,
                result.weeks(), result.customers(), result.predicted(), result.actual(),
                result.actual() == 0 ? null : result.predicted() / result.actual(), result.groups());
    }
}

package dev.rapport.query.churn;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.rapport.platform.web.RuleViolation;
import dev.rapport.query.churn.model.BgNbdFit;
import dev.rapport.query.churn.model.BgNbdFitter;
import dev.rapport.query.churn.model.CustomerHistory;
import dev.rapport.query.churn.model.HoldoutCheck;
import dev.rapport.query.churn.model.PurchaseDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fits the BG/NBD model to the purchase histories up to a calibration end day, stores it as a new version and
 * re-scores every customer at once (through {@link ChurnEvaluation}); checks a version against a holdout period.
 * A refit also runs on {@code rapport.churn-model.fit-cron} (weekly by default; "-" switches it off) with the
 * calibration ending yesterday, unless a version already calibrated to that day exists (so several nodes fit once).
 */
@Component
public class ChurnModelFitting {

    static final String SCHEDULE = "schedule";

    private static final Logger log = LoggerFactory.getLogger(ChurnModelFitting.class);

    private final PurchaseHistories purchases;
    private final ChurnModelVersions versions;
    private final ChurnEvaluation evaluation;
    private final Clock clock;
    private final ReentrantLock fitting = new ReentrantLock();

    ChurnModelFitting(PurchaseHistories purchases, ChurnModelVersions versions, ChurnEvaluation evaluation, Clock clock) {
        this.purchases = purchases;
        this.versions = versions;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Fits, stores the new version and re-scores the customers with it. */
    public ChurnModelVersion fit(LocalDate calibrationEnd, String fittedBy) {
        if (!fitting.tryLock()) {
            throw new RuleViolation("churn-model-fit-running", "A fit of the churn model is running; try again when it is done", true);
        }
        try {
            List<CustomerHistory> histories = new ArrayList<>();
            LocalDate calibrationStart = null;
            for (PurchaseDays days : purchases.upTo(calibrationEnd).values()) {
                histories.add(days.historyUpTo(calibrationEnd).orElseThrow());
                LocalDate first = days.days().get(0);
                calibrationStart = calibrationStart == null || first.isBefore(calibrationStart) ? first : calibrationStart;
            }
            int repeatCustomers = (int) histories.stream().filter(h -> h.x() > 0).count();
            if (repeatCustomers == 0) {
                throw new RuleViolation("churn-model-insufficient-data", "No customer bought again on or before " + calibrationEnd
                        + ": the churn model needs repeat purchases to be fitted");
            }
            long started = System.nanoTime();
            BgNbdFit fit = BgNbdFitter.fit(histories);
            ChurnModelVersion version = versions.add(fit, clock.instant(), fittedBy, calibrationStart, calibrationEnd, repeatCustomers,
                    histories.stream().mapToLong(CustomerHistory::x).sum());
            log.info("Churn model v{} fitted by {} to {} customers up to {} in {} ms: {}, log-likelihood {}{}", version.version(),
                    fittedBy, fit.customers(), calibrationEnd, (System.nanoTime() - started) / 1_000_000, fit.parameters(),
                    fit.logLikelihood(), fit.startsAgree() ? "" : " (the optimiser's starts disagree: check the fit)");
            evaluation.evaluate().ifPresentOrElse(
                    result -> log.info("Customers re-scored with churn model v{} as of {}", version.version(), result.asOf()),
                    () -> log.info("Churn model v{} stored; another node is evaluating, the next evaluation scores with it", version.version()));
            return version;
        } finally {
            fitting.unlock();
        }
    }

    @Scheduled(cron = "${rapport.churn-model.fit-cron:0 0 3 * * MON}", zone = "UTC")
    void scheduledFit() {
        LocalDate calibrationEnd = today().minusDays(1);
        if (versions.current().filter(current -> !current.calibrationEnd().isBefore(calibrationEnd)).isPresent()) {
            log.debug("Churn model already calibrated to {}", calibrationEnd);
            return;
        }
        try {
            fit(calibrationEnd, SCHEDULE);
        } catch (RuleViolation | IllegalArgumentException notFitted) {
            log.warn("Scheduled churn model fit to {} not done: {}", calibrationEnd, notFitted.getMessage());
        }
    }

    /** The version's forecast for the days after its calibration up to {@code holdoutEnd}, against the purchases made. */
    HoldoutCheck.Result holdout(ChurnModelVersion version, LocalDate holdoutEnd) {
        LocalDate calibrationEnd = version.calibrationEnd();
        List<HoldoutCheck.Customer> customers = new ArrayList<>();
        for (Map.Entry<String, PurchaseDays> customer : purchases.upTo(holdoutEnd).entrySet()) {
            PurchaseDays days = customer.getValue();
            days.historyUpTo(calibrationEnd).ifPresent(history ->
                    customers.add(new HoldoutCheck.Customer(history, days.between(calibrationEnd, holdoutEnd))));
        }
        return HoldoutCheck.check(version.parameters(), customers, PurchaseDays.weeksBetween(calibrationEnd, holdoutEnd));
    }
}

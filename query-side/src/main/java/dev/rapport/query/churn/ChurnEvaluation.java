package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The time-based churn reasons: inactivity has no event, so a scheduled evaluation finds it with the current
 * clock. Each {@link TimeBasedRule} is applied with one set-based statement that raises its reason, changes its
 * level or clears it, for every customer at once; then the alerts of the customers whose reasons changed follow.
 * One transaction, run by one node at a time, never interleaved with the projection's transactions
 * ({@link ChurnLocks}).
 */
@Component
public class ChurnEvaluation {

    private static final Logger log = LoggerFactory.getLogger(ChurnEvaluation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChurnAlerts alerts;
    private final List<TimeBasedRule> rules;
    private final ChurnModelScoring scoring;

    ChurnEvaluation(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, ChurnAlerts alerts,
                    List<TimeBasedRule> rules, ChurnModelScoring scoring) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.alerts = alerts;
        this.rules = List.copyOf(rules);
        this.scoring = scoring;
    }

    @Scheduled(fixedRateString = "${rapport.churn.evaluation-interval:15m}",
            initialDelayString = "${rapport.churn.evaluation-initial-delay:1m}")
    void scheduled() {
        evaluate().ifPresentOrElse(
                result -> log.info("Churn evaluation as of {}: reasons changed for {} customer(s), {} alert(s) changed",
                        result.asOf(), result.customersTouched(), result.changes().size()),
                () -> log.debug("Churn evaluation skipped: another node is running it"));
    }

    /** Evaluates now; empty when another node holds the evaluation. */
    public Optional<Result> evaluate() {
        return transactions.execute(status -> {
            if (!ChurnLocks.tryEvaluation(jdbc)) {
                return Optional.empty();
            }
            ChurnLocks.writeExclusively(jdbc);
            Instant now = clock.instant();
            // the model's scores first: the LOW_P_ALIVE rule reads them
            scoring.score(now);
            Set<String> touched = new LinkedHashSet<>();
            for (TimeBasedRule rule : rules) {
                touched.addAll(apply(rule, now));
            }
            List<ChurnAlertChange> changes = alerts.refresh(touched, now);
            alerts.alignCustomerView();
            return Optional.of(new Result(now, touched.size(), changes));
        });
    }

    /** Makes the rule's reason rows match the rule as of {@code now}; returns the customers whose rows changed. */
    private List<String> apply(TimeBasedRule rule, Instant now) {
        return jdbc.sql("WITH desired AS (SELECT r.customer_id, r.level, r.detail FROM (" + rule.query() + """
                        ) r
                            WHERE r.level IS NOT NULL
                              AND NOT EXISTS (SELECT 1 FROM churn_customer c WHERE c.customer_id = r.customer_id AND c.closed)
                        ), raised AS (
                            INSERT INTO churn_reason AS cr (customer_id, reason, source, level, detail, raised_at)
                            SELECT customer_id, :reason, '', level, detail, :now FROM desired
                            ON CONFLICT (customer_id, reason, source) DO UPDATE SET level = EXCLUDED.level, detail = EXCLUDED.detail
                            WHERE (cr.level, cr.detail) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.detail)
                            RETURNING cr.customer_id
                        ), cleared AS (
                            DELETE FROM churn_reason cr
                            WHERE cr.reason = :reason AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.customer_id = cr.customer_id)
                            RETURNING cr.customer_id
                        )
                        SELECT customer_id FROM raised UNION SELECT customer_id FROM cleared""")
                .params(rule.parameters())
                .param("reason", rule.reason().name())
                .param("now", Timestamp.from(now))
                .query(String.class)
                .list();
    }

    /**
     * @param asOf             the clock's time the evaluation used
     * @param customersTouched customers whose time-based reasons were raised, changed or cleared
     * @param changes          the alerts that changed
     */
    public record Result(Instant asOf, int customersTouched, List<ChurnAlertChange> changes) {
    }
}

package dev.rapport.query.churn;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import dev.rapport.query.churn.model.BgNbd;
import dev.rapport.query.churn.model.BgNbdParameters;
import dev.rapport.query.churn.model.CustomerHistory;
import dev.rapport.query.churn.model.PurchaseDays;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scores every customer with a purchase under the current model: P(alive) and the expected purchases in the next
 * 4, 13 and 52 weeks, their history measured to the UTC date of the evaluation's clock. Time-based like the OVERDUE
 * rule, so it runs in {@link ChurnEvaluation} (never in an event handler); {@code churn_model_score} is replaced as a
 * whole. Without a fitted model there are no scores.
 */
@Component
class ChurnModelScoring {

    private final JdbcClient jdbc;
    private final ChurnModelVersions versions;
    private final PurchaseHistories purchases;

    ChurnModelScoring(JdbcClient jdbc, ChurnModelVersions versions, PurchaseHistories purchases) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.purchases = purchases;
    }

    /** @return the customers scored */
    int score(Instant now) {
        jdbc.sql("DELETE FROM churn_model_score").update();
        Optional<ChurnModelVersion> model = versions.current();
        if (model.isEmpty()) {
            return 0;
        }
        BgNbdParameters parameters = model.get().parameters();
        LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, PurchaseDays> customers = purchases.upTo(asOf);
        int n = customers.size();
        String[] ids = new String[n];
        Integer[] x = new Integer[n];
        Double[] tx = new Double[n], t = new Double[n], pAlive = new Double[n], e4 = new Double[n], e13 = new Double[n], e52 = new Double[n];
        int i = 0;
        for (var customer : customers.entrySet()) {
            CustomerHistory h = customer.getValue().historyUpTo(asOf).orElseThrow();
            ids[i] = customer.getKey();
            x[i] = h.x();
            tx[i] = h.tx();
            t[i] = h.t();
            pAlive[i] = BgNbd.pAlive(parameters, h);
            e4[i] = BgNbd.expectedPurchases(parameters, h, 4);
            e13[i] = BgNbd.expectedPurchases(parameters, h, 13);
            e52[i] = BgNbd.expectedPurchases(parameters, h, 52);
            i++;
        }
        jdbc.sql("""
                        INSERT INTO churn_model_score (customer_id, model_version, as_of, scored_at, repeat_purchases, t_x_weeks, t_weeks,
                            p_alive, expected_4w, expected_13w, expected_52w)
                        SELECT s.customer_id, :version, :asOf, :now, s.x, s.tx, s.t, s.p_alive, s.e4, s.e13, s.e52
                        FROM unnest(CAST(:ids AS text[]), CAST(:x AS int[]), CAST(:tx AS float8[]), CAST(:t AS float8[]),
                                    CAST(:pAlive AS float8[]), CAST(:e4 AS float8[]), CAST(:e13 AS float8[]), CAST(:e52 AS float8[]))
                             AS s(customer_id, x, tx, t, p_alive, e4, e13, e52)""")
                .param("version", model.get().version())
                .param("asOf", Date.valueOf(asOf))
                .param("now", Timestamp.from(now))
                .param("ids", array(ids)).param("x", array(x)).param("tx", array(tx)).param("t", array(t))
                .param("pAlive", array(pAlive)).param("e4", array(e4)).param("e13", array(e13)).param("e52", array(e52))
                .update();
        return n;
    }

    private static SqlParameterValue array(Object[] values) {
        return new SqlParameterValue(Types.ARRAY, values);
    }
}

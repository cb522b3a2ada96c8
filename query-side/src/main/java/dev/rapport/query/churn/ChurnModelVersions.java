package dev.rapport.query.churn;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.rapport.query.churn.model.BgNbdFit;
import dev.rapport.query.churn.model.BgNbdParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fitted models, {@code churn_model_version}: every fit is kept, the highest version is current. */
@Repository
class ChurnModelVersions {

    private final JdbcClient jdbc;

    ChurnModelVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ChurnModelVersion add(BgNbdFit fit, Instant fittedAt, String fittedBy, LocalDate calibrationStart, LocalDate calibrationEnd,
                          int repeatCustomers, long repeatPurchases) {
        BgNbdParameters p = fit.parameters();
        return jdbc.sql("""
                        INSERT INTO churn_model_version (fitted_at, fitted_by, calibration_start, calibration_end, customers,
                            repeat_customers, repeat_purchases, r, alpha, a, b, log_likelihood, evaluations, starts_agree)
                        VALUES (:fittedAt, :fittedBy, :start, :end, :customers, :repeatCustomers, :repeatPurchases,
                            :r, :alpha, :a, :b, :logLikelihood, :evaluations, :startsAgree)
                        RETURNING *""")
                .param("fittedAt", Timestamp.from(fittedAt))
                .param("fittedBy", fittedBy)
                .param("start", Date.valueOf(calibrationStart))
                .param("end", Date.valueOf(calibrationEnd))
                .param("customers", fit.customers())
                .param("repeatCustomers", repeatCustomers)
                .param("repeatPurchases", repeatPurchases)
                .param("r", p.r()).param("alpha", p.alpha()).param("a", p.a()).param("b", p.b())
                .param("logLikelihood", fit.logLikelihood())
                .param("evaluations", fit.evaluations())
                .param("startsAgree", fit.startsAgree())
                .query(ChurnModelVersions::version)
                .single();
    }

    Optional<ChurnModelVersion> current() {
        return jdbc.sql("SELECT * FROM churn_model_version ORDER BY version DESC LIMIT 1").query(ChurnModelVersions::version).optional();
    }

    Optional<ChurnModelVersion> find(long version) {
        return jdbc.sql("SELECT * FROM churn_model_version WHERE version = ?").param(version).query(ChurnModelVersions::version).optional();
    }

    /** Newest first. */
    List<ChurnModelVersion> all() {
        return jdbc.sql("SELECT * FROM churn_model_version ORDER BY version DESC").query(ChurnModelVersions::version).list();
    }

    private static ChurnModelVersion version(ResultSet rs, int row) throws SQLException {
        return new ChurnModelVersion(rs.getLong("version"), rs.getTimestamp("fitted_at").toInstant(), rs.getString("fitted_by"),
                rs.getDate("calibration_start").toLocalDate(), rs.getDate("calibration_end").toLocalDate(), rs.getInt("customers"),
                rs.getInt("repeat_customers"), rs.getLong("repeat_purchases"),
                new BgNbdParameters(rs.getDouble("r"), rs.getDouble("alpha"), rs.getDouble("a"), rs.getDouble("b")),
                rs.getDouble("log_likelihood"), rs.getInt("evaluations"), rs.getBoolean("starts_agree"));
    }
}

package dev.rapport.query.churn;

import java.util.Map;

/**
 * Where the churn projection's statements go, each naming the customer whose rows it touches: at once (live, where
 * the alert changes are read back and published) or through {@code ProjectionWrites} (a replay, batched in a
 * rebuild). No statement's outcome is read by the projection, so either way gives the same rows.
 */
@FunctionalInterface
interface ChurnStatements {

    void run(String customerId, String sql, Map<String, ?> params);
}

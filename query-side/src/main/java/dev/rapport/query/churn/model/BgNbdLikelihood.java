package dev.rapport.query.churn.model;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.math3.special.Gamma;

/**
 * The log-likelihood of a whole customer base, Σ log L(r, α, a, b | x_i, t_x,i, T_i), evaluated often during a fit:
 * identical histories are counted once and the Gamma terms, which depend on x only, once per distinct x.
 */
final class BgNbdLikelihood {

    private final CustomerHistory[] histories;
    private final long[] counts;
    private final int[] distinctX;
    private final long[] customersWithX;

    BgNbdLikelihood(Collection<CustomerHistory> customers) {
        Map<CustomerHistory, Long> grouped = customers.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        histories = grouped.keySet().toArray(CustomerHistory[]::new);
        counts = new long[histories.length];
        for (int i = 0; i < histories.length; i++) {
            counts[i] = grouped.get(histories[i]);
        }
        Map<Integer, Long> byX = new TreeMap<>(customers.stream()
                .collect(Collectors.groupingBy(CustomerHistory::x, Collectors.counting())));
        distinctX = byX.keySet().stream().mapToInt(Integer::intValue).toArray();
        customersWithX = byX.values().stream().mapToLong(Long::longValue).toArray();
    }

    double logLikelihood(BgNbdParameters p) {
        double r = p.r(), a = p.a(), b = p.b();
        double perCustomer = -Gamma.logGamma(r) + r * Math.log(p.alpha()) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        double sum = 0;
        for (int i = 0; i < distinctX.length; i++) {
            int x = distinctX[i];
            sum += customersWithX[i] * (perCustomer + Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x));
        }
        for (int i = 0; i < histories.length; i++) {
            sum += counts[i] * BgNbd.logOfA3PlusA4(p, histories[i]);
        }
        return sum;
    }
}

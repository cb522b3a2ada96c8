package dev.rapport.query.churn.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood estimation of (r, α, a, b) with commons-math's Nelder–Mead simplex on the logs of the
 * parameters (so every point tried is valid), from several starts, each polished by a restart at its optimum
 * (a simplex can stall before the maximum). The best maximum is the fit.
 */
public final class BgNbdFitter {

    private static final double[][] STARTS = {
            {0, 0, 0, 0},                                                           // r = α = a = b = 1
            {Math.log(0.5), Math.log(10), Math.log(0.5), Math.log(5)},
            {Math.log(2), Math.log(1), Math.log(3), Math.log(1)}};
    private static final int POLISHES = 2;
    private static final int MAX_EVALUATIONS = 20_000;
    private static final double AGREEMENT = 1e-3;

    private BgNbdFitter() {
    }

    public static BgNbdFit fit(Collection<CustomerHistory> customers) {
        if (customers.stream().noneMatch(h -> h.x() > 0)) {
            throw new IllegalArgumentException("no customer with a repeat purchase: the model cannot be fitted");
        }
        BgNbdLikelihood likelihood = new BgNbdLikelihood(customers);
        MultivariateFunction objective = logs -> {
            double value = likelihood.logLikelihood(BgNbdParameters.fromLogs(logs));
            return Double.isFinite(value) ? value : Double.NEGATIVE_INFINITY;
        };
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
        List<PointValuePair> maxima = new ArrayList<>();
        int evaluations = 0;
        for (double[] start : STARTS) {
            double[] point = start;
            PointValuePair best = null;
            for (int round = 0; round <= POLISHES; round++) {
                best = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(objective), GoalType.MAXIMIZE,
                        new InitialGuess(point), new NelderMeadSimplex(point.length, 0.5));
                evaluations += optimizer.getEvaluations();
                point = best.getPoint();
            }
            maxima.add(best);
        }
        PointValuePair best = maxima.stream().max(Comparator.comparingDouble(PointValuePair::getValue)).orElseThrow();
        boolean agree = maxima.stream().allMatch(m -> close(m.getPoint(), best.getPoint()));
        return new BgNbdFit(BgNbdParameters.fromLogs(best.getPoint()), best.getValue(), customers.size(), evaluations, agree);
    }

    private static boolean close(double[] logs, double[] bestLogs) {
        for (int i = 0; i < logs.length; i++) {
            if (Math.abs(Math.exp(logs[i] - bestLogs[i]) - 1) > AGREEMENT) {
                return false;
            }
        }
        return true;
    }
}

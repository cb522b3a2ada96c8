package dev.rapport.query.churn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD formulas against values derived another way: closed-form special cases, limits, the likelihood in the
 * paper's Beta-function form, the paper's own worked example, and E[Y(t)] computed with SciPy's hyp2f1 on the
 * untransformed formula (FHL eq. 10).
 */
class BgNbdTest {

    /** The parameters FHL report for their CDNOW sample (Table 1). */
    private static final BgNbdParameters PAPER = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    /** The reference fit of the full CDNOW file. */
    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.2516239594285118, 4.788942737544572,
            0.7234335255918796, 2.1610884910367494);

    @Test
    void withoutRepeatPurchasesTheLikelihoodIsTheNbdZeroTerm() {
        // x = 0: A1 = α^r, A2 = 1, A3 = (α+T)^-r, no A4 → L = (α/(α+T))^r
        for (double t : new double[] {0, 1, 38.857, 200}) {
            assertThat(BgNbd.logLikelihood(PAPER, new CustomerHistory(0, 0, t)))
                    .isCloseTo(PAPER.r() * Math.log(PAPER.alpha() / (PAPER.alpha() + t)), within(1e-12));
        }
    }

    @Test
    void theLikelihoodIsThePapersBetaFunctionForm() {
        // FHL eq. (6): B(a,b+x)/B(a,b) Γ(r+x)α^r/(Γ(r)(α+T)^(r+x)) + B(a+1,b+x−1)/B(a,b) Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x))
        for (CustomerHistory h : List.of(new CustomerHistory(1, 2, 30), new CustomerHistory(5, 20, 25),
                new CustomerHistory(2, 30.43, 38.86), new CustomerHistory(12, 50, 70))) {
            double r = PAPER.r(), alpha = PAPER.alpha(), a = PAPER.a(), b = PAPER.b();
            int x = h.x();
            double gammaPart = Math.exp(Gamma.logGamma(r + x) - Gamma.logGamma(r)) * Math.pow(alpha, r);
            double alive = Math.exp(Beta.logBeta(a, b + x) - Beta.logBeta(a, b)) * gammaPart / Math.pow(alpha + h.t(), r + x);
            double dead = Math.exp(Beta.logBeta(a + 1, b + x - 1) - Beta.logBeta(a, b)) * gammaPart / Math.pow(alpha + h.tx(), r + x);
            assertThat(BgNbd.logLikelihood(PAPER, h)).as("%s", h).isCloseTo(Math.log(alive + dead), within(1e-10));
        }
    }

    @Test
    void theBaseLikelihoodIsTheSumOfTheCustomers() {
        List<CustomerHistory> customers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int x = i % 9;
            double t = 10 + i % 29;
            customers.add(new CustomerHistory(x, x == 0 ? 0 : t * (i % 5) / 5.0, t));
        }
        double sum = customers.stream().mapToDouble(h -> BgNbd.logLikelihood(CDNOW, h)).sum();
        assertThat(new BgNbdLikelihood(customers).logLikelihood(CDNOW)).isCloseTo(sum, within(1e-8));
    }

    @Test
    void aCustomerWhoNeverBoughtAgainCannotHaveDroppedOut() {
        assertThat(BgNbd.pAlive(CDNOW, new CustomerHistory(0, 0, 70))).isEqualTo(1.0);
    }

    @Test
    void rightAfterTheLastPurchasePAliveIsTheChanceOfNotDroppingOutThen() {
        // T = t_x: ((α+T)/(α+t_x))^(r+x) = 1, so P(alive) = 1 / (1 + a/(b+x−1)) = (b+x−1)/(a+b+x−1) = E[1 − p | x purchases]
        for (int x = 1; x < 20; x++) {
            double expected = (CDNOW.b() + x - 1) / (CDNOW.a() + CDNOW.b() + x - 1);
            assertThat(BgNbd.pAlive(CDNOW, new CustomerHistory(x, 12.5, 12.5))).as("x=%d", x).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void pAliveFallsTheLongerTheCustomerIsQuiet() {
        double before = 1;
        for (double t = 10; t < 100; t += 10) {
            double now = BgNbd.pAlive(CDNOW, new CustomerHistory(3, 10, t));
            assertThat(now).isLessThan(before);
            before = now;
        }
        assertThat(BgNbd.pAlive(CDNOW, new CustomerHistory(1, 2, 30))).isCloseTo(0.2787238860422853, within(1e-12));
        assertThat(BgNbd.pAlive(CDNOW, new CustomerHistory(40, 70, 72))).isCloseTo(0.9516152098413739, within(1e-12));
    }

    @Test
    void thePapersWorkedExample() {
        // FHL section 4: with the CDNOW sample's parameters, a customer with x = 2, t_x = 30.43, T = 38.86 is expected
        // to make 1.226 purchases in the next 39 weeks
        assertThat(BgNbd.expectedPurchases(PAPER, new CustomerHistory(2, 30.43, 38.86), 39)).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void expectedPurchasesAgreeWithScipysHypergeometric() {
        // SciPy 1.17 scipy.special.hyp2f1 on FHL eq. (10) as printed (no Euler transformation)
        Object[][] cases = {
                {new CustomerHistory(0, 0, 38.857), new double[] {0.022738483678244093, 0.07174985171759776, 0.25851214186292215}},
                {new CustomerHistory(1, 2, 30), new double[] {0.03918459916579904, 0.12138572738120629, 0.4134573853869368}},
                {new CustomerHistory(5, 20, 25), new double[] {0.5195075017873844, 1.568762793450133, 4.986690289898461}},
                {new CustomerHistory(40, 70, 72), new double[] {1.9601338801073975, 6.1349343489826795, 21.427345863149636}},
                {new CustomerHistory(2, 30.43, 38.86), new double[] {0.1472992963355439, 0.4578106484640663, 1.570336840060256}}};
        double[] weeks = {4, 13, 52};
        for (Object[] c : cases) {
            for (int i = 0; i < weeks.length; i++) {
                assertThat(BgNbd.expectedPurchases(CDNOW, (CustomerHistory) c[0], weeks[i])).as("%s, %s weeks", c[0], weeks[i])
                        .isCloseTo(((double[]) c[1])[i], withinPercentage(1e-7));
            }
        }
    }

    @Test
    void overAVeryShortTimeTheExpectationIsPAliveTimesThePosteriorMeanRate() {
        // E[Y(t)]/t → P(alive) · E[λ | x, T, alive] = P(alive) · (r+x)/(α+T) as t → 0
        for (CustomerHistory h : List.of(new CustomerHistory(0, 0, 20), new CustomerHistory(3, 10, 40), new CustomerHistory(8, 30, 31))) {
            double t = 1e-6;
            double rate = BgNbd.pAlive(CDNOW, h) * (CDNOW.r() + h.x()) / (CDNOW.alpha() + h.t());
            assertThat(BgNbd.expectedPurchases(CDNOW, h, t) / t).as("%s", h).isCloseTo(rate, withinPercentage(0.01));
        }
    }

    @Test
    void theHypergeometricSeriesMatchesClosedForms() {
        for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.99}) {
            // 2F1(1, 1; 2; z) = −ln(1−z)/z
            double log = z == 0 ? 1 : -Math.log(1 - z) / z;
            assertThat(Hypergeometric.f21(1, 1, 2, z)).as("z=%s", z).isCloseTo(log, withinPercentage(1e-10));
            // 2F1(a, b; b; z) = (1−z)^−a
            assertThat(Hypergeometric.f21(0.7, 3.2, 3.2, z)).as("z=%s", z).isCloseTo(Math.pow(1 - z, -0.7), withinPercentage(1e-10));
        }
    }

    @Test
    void historiesInWeeksFromPurchaseDays() {
        var days = new PurchaseDays(List.of(java.time.LocalDate.parse("1997-01-01"), java.time.LocalDate.parse("1997-01-15"),
                java.time.LocalDate.parse("1997-09-30"), java.time.LocalDate.parse("1997-10-01")));
        assertThat(days.historyUpTo(java.time.LocalDate.parse("1997-09-30")))
                .contains(new CustomerHistory(2, 272 / 7.0, 272 / 7.0));
        assertThat(days.historyUpTo(java.time.LocalDate.parse("1997-01-10"))).contains(new CustomerHistory(0, 0, 9 / 7.0));
        assertThat(days.historyUpTo(java.time.LocalDate.parse("1996-12-31"))).isEmpty();
        assertThat(days.between(java.time.LocalDate.parse("1997-09-30"), java.time.LocalDate.parse("1998-06-30"))).isEqualTo(1);
    }
}

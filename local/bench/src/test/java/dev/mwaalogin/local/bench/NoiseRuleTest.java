package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The noise rule on made-up runs: which spreads make a run NOISY, and what it prints. */
class NoiseRuleTest {

    /** The mechanism at round bounds; the default's values are a calibration (BENCHMARKS.md). */
    private static final NoiseRule RULE = new NoiseRule(0.10, 0.02);


    /** Eight rounds: boto3 and the floor steady, the zip's runs next to boto3 at 1.5 times it give or take 2 %. */
    private static Samples quiet() {
        Samples samples = new Samples();
        double[] boto3 = {420, 430, 425, 440, 435, 428, 432, 438};
        double[] drift = {1.00, 0.98, 1.02, 1.01, 0.99, 1.00, 1.02, 0.98};
        for (int i = 0; i < boto3.length; i++) {
            samples.add("boto3", boto3[i]);
            samples.add("own#2", boto3[i] * 1.5 * drift[i]);
            samples.add("floor", 100 + i % 3);
        }
        return samples;
    }

    @Test
    void aRunWithinBothBoundsIsQuiet() {
        Samples samples = quiet();
        assertTrue(samples.stats("boto3").relativeIqr() < 0.10);
        assertEquals(List.of(), RULE.reasons(samples, List.of(ColdRatio.ZIP_BOTO3)));
        assertTrue(RULE.verdict(samples, List.of(ColdRatio.ZIP_BOTO3)).startsWith("QUIET"));
    }

    @Test
    void aBaselineSpreadWiderThanItsBoundMakesTheRunNoisy() {
        Samples samples = quiet();
        // Four of eight boto3 runs slowed down by a third: its middle half now spans a third of its median.
        Samples slowed = new Samples();
        Stats boto3 = samples.stats("boto3");
        for (int i = 0; i < boto3.count(); i++) {
            slowed.add("boto3", boto3.values()[i] * (i % 2 == 0 ? 1.0 : 1.35));
            slowed.add("floor", 100);
        }
        List<String> reasons = RULE.reasons(slowed, List.of());
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("boto3: its middle half") && reasons.get(0).contains("(bound 10 %)"),
                reasons.get(0));
        String verdict = RULE.verdict(slowed, List.of());
        assertTrue(verdict.startsWith("NOISY") && verdict.contains("nothing is written") && verdict.contains("boto3"),
                verdict);
    }

    /** {@code rounds} rounds of steady baselines and a zip that takes 1.5 or 1.75 times boto3, alternately. */
    private static Samples alternating(int rounds) {
        Samples samples = new Samples();
        for (int i = 0; i < rounds; i++) {
            samples.add("boto3", 400);
            samples.add("own#2", i % 2 == 0 ? 600 : 700);
        }
        return samples;
    }

    @Test
    void aRatioWhoseMedianIsNotKnownToTwoPercentMakesTheRunNoisyEvenWithSteadyBaselines() {
        // Middle half 1.50–1.75, 16.7 % of the median 1.50: over 8 rounds a standard error of 5.5 %.
        List<String> reasons = RULE.reasons(alternating(8), List.of(ColdRatio.ZIP_BOTO3));
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("cold, zip / boto3 script: its per-round ratios' middle half 1.50–1.75 "
                + "(17 % of their median 1.50) over 8 rounds leaves the median a standard error of 5.5 % "
                + "(bound 2 %; at this spread about 61 rounds would do)"), reasons.get(0));
    }

    @Test
    void moreRoundsMakeTheSameSpreadGoodEnough() {
        // The same spread over 64 rounds: 0.93 × 16.7 % / 8 = 1.9 %.
        assertEquals(List.of(), RULE.reasons(alternating(64), List.of(ColdRatio.ZIP_BOTO3)));
        assertEquals(1, RULE.reasons(alternating(48), List.of(ColdRatio.ZIP_BOTO3)).size());
    }

    @Test
    void aSpreadExactlyAtTheBoundIsWithinIt() {
        Samples samples = new Samples();
        // Nearest-rank quartiles of 4 values are the 1st and 3rd: 95 and 105, a middle half 10 % of the median 100.
        for (double value : new double[] {95, 100, 105, 110}) {
            samples.add("boto3", value);
        }
        assertEquals(0.10, samples.stats("boto3").relativeIqr(), 1e-12);
        assertEquals(List.of(), RULE.reasons(samples, List.of()));
        assertEquals(1, new NoiseRule(0.09, 0.10).reasons(samples, List.of()).size());
    }

    @Test
    void ratiosNotMeasuredInTheRunAreNotJudged() {
        assertEquals(List.of(), RULE.reasons(quiet(), List.of(ColdRatio.IMAGE_BOTO3,
                ColdRatio.PER_PERSON)));
    }

    @Test
    void theMediansStandardErrorShrinksWithTheRootOfTheRounds() {
        double[] ratios = new double[25];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 0.60 + (i % 5 - 2) * 0.02;
        }
        Stats stats = new Stats(ratios);
        // Middle half 0.58–0.62 around 0.60: a relative IQR of 1/15, so 0.93 / 15 / 5.
        assertEquals(0.93 / 15 / 5, NoiseRule.relativeStandardError(stats), 1e-12);
    }
}

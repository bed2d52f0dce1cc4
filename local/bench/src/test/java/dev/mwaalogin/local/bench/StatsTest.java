package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statistics the report publishes, on made-up samples. */
class StatsTest {

    @Test
    void theInterquartileRangeIsTheMiddleHalfsWidthAndItsShareOfTheMedian() {
        Stats stats = new Stats(new double[] {8, 1, 7, 2, 6, 3, 5, 4});
        assertEquals(2, stats.q1(), 1e-12);
        assertEquals(4, stats.median(), 1e-12);
        assertEquals(6, stats.q3(), 1e-12);
        assertEquals(4, stats.iqr(), 1e-12);
        assertEquals(1.0, stats.relativeIqr(), 1e-12);
    }

    @Test
    void aPublishedRatioIsTheMedianOfThePerRoundRatiosNotTheRatioOfTheMedians() {
        Samples samples = new Samples();
        // Five rounds. The image always takes 0.75 of the boto3 run next to it; a busy moment hits boto3 alone in
        // round 3 and both in rounds 4 and 5, so the medians pair a quiet image run with a busy boto3 run.
        double[] image = {300, 300, 300, 900, 900};
        double[] boto3 = {400, 400, 1200, 1200, 1200};
        for (int i = 0; i < image.length; i++) {
            samples.add("image", image[i]);
            samples.add("boto3", boto3[i]);
        }
        assertEquals(0.25, samples.median("image") / samples.median("boto3"), 1e-12, "the ratio of the medians");
        Stats ratios = ColdRatio.IMAGE_BOTO3.of(samples);
        assertEquals(0.75, ratios.median(), 1e-12);
        assertEquals(0.75, ratios.q1(), 1e-12);
        assertEquals(0.75, ratios.q3(), 1e-12);
        assertEquals(5, ratios.count());
    }
}

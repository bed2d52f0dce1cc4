package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The image's breakdown: the floor's steps as measured, the function's as per-round differences from it. */
class ImageBreakdownTest {

    private static Samples rounds(double[][] image, double[][] floor) {
        Samples samples = new Samples();
        for (int i = 0; i < image.length; i++) {
            samples.add("image#2", image[i][0]);
            samples.add("imageInit#2", image[i][1]);
            samples.add("imageInvoke#2", image[i][2]);
            samples.add("imageFloor", floor[i][0]);
            samples.add("imageFloorInit", floor[i][1]);
            samples.add("imageFloorInvoke", floor[i][2]);
        }
        return samples;
    }

    @Test
    void theFunctionsShareIsTheImageLessItsFloorRoundByRound() {
        // Round 2 is a slow moment for both: per-round differences stay 100 and 60 where medians of each would not.
        Samples samples = rounds(new double[][] {{320, 210, 100}, {640, 420, 200}, {330, 215, 105}},
                new double[][] {{160, 110, 40}, {460, 320, 140}, {170, 115, 45}});
        String table = new ImageBreakdown(samples).table();
        assertTrue(table.contains("| the function's init: configuration, SDK clients (image init − floor init, per "
                + "round) | 100 ms | 100–100 |"), table);
        assertTrue(table.contains("(image first invoke − floor first invoke, per round) | 60 ms | 60–60 |"), table);
        assertTrue(table.contains("up to its first poll for an event (the floor's init) | 115 ms |"), table);
        assertTrue(table.contains("| the floor's share of the image's cold /login (per round) | 52 % |"), table);
    }

    @Test
    void withoutTheFloorThereIsNoBreakdown() {
        Samples samples = new Samples();
        samples.add("image#2", 320);
        assertFalse(new ImageBreakdown(samples).measured());
        samples.add("imageFloorInit", 1);
        assertThrows(IllegalArgumentException.class, () -> samples.differences("imageFloorInit", "image#2x"));
    }
}

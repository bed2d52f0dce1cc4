package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of a round's cold runs: every published ratio's two runs are neighbours, whatever a run measures. */
class ColdRowsTest {

    private static final ColdRows EVERYTHING = new ColdRows(true, true, true, true, true, true, true, true, false);

    /** Every configuration a run can have: image, java25 and AppCDS only with the baselines, and so on. */
    private static List<ColdRows> everyConfiguration() {
        List<ColdRows> all = new ArrayList<>();
        for (int bits = 0; bits < 1 << 9; bits++) {
            boolean[] f = new boolean[9];
            for (int i = 0; i < 9; i++) {
                f[i] = (bits & 1 << i) != 0;
            }
            boolean baselines = f[0];
            boolean image = f[1];
            boolean java25 = f[2];
            boolean java25Cached = f[3];
            boolean cds = f[4];
            if (!baselines && (image || java25 || cds) || java25Cached && !java25) {
                continue;
            }
            all.add(new ColdRows(baselines, image, java25, java25Cached, cds, f[5], f[6], f[7], f[8]));
        }
        return all;
    }

    @Test
    void everyPublishedRatioDividesNeighboursInEveryConfiguration() {
        List<ColdRows> configurations = everyConfiguration();
        // Identity, sign-in, events and an earlier build: 16; with the baselines, times image (2), java25 (none,
        // shipped, shipped and the experiment) and AppCDS (2).
        assertEquals(16 + 16 * 2 * 3 * 2, configurations.size());
        int checked = 0;
        for (ColdRows rows : configurations) {
            assertEquals(List.of(), rows.notAdjacent(ColdRatio.ALL), rows + ": " + rows.order());
            checked += (int) ColdRatio.ALL.stream().filter(rows::runs).count();
        }
        assertTrue(checked > 100, "the check saw the ratios' runs in the rounds: " + checked);
    }

    @Test
    void aRatioOfTwoRunsThatAreNotNeighboursIsCaught() {
        // Positive control for the check above: the zip's first run and the CLI are in every baselines round, but
        // far apart; so are today's runtime-client row and boto3.
        ColdRatio far = new ColdRatio("zip / CLI from the wrong runs", "own", "cli", "");
        ColdRatio farther = new ColdRatio("runtime client / boto3", "cold", "boto3", "");
        assertEquals(List.of(far, farther), EVERYTHING.notAdjacent(List.of(far, farther, ColdRatio.ZIP_CLI)));
        assertFalse(EVERYTHING.adjacent("own", "cli"));
        assertTrue(EVERYTHING.adjacent("cli", "own" + ColdRows.THIRD));
    }

    @Test
    void aRowComparedWithMoreThanTwoOthersRunsAgainNextToThem() {
        assertEquals(List.of("ownWithoutSignIn", "own", "mapped", "floor", "own#2", "boto3", "image", "cli", "own#3",
                "cds", "imageNoCache", "typed", "cold", "signInLogin", "imageSignInLogin", "signInBearer",
                "imageSignInBearer", "zip25Trained", "zip25", "cold#2", "image#2", "imageFloor", "boto3OneCpu",
                "imageOneCpu"),
                EVERYTHING.order());
        assertEquals(new HashSet<>(EVERYTHING.order()).size(), EVERYTHING.order().size(), "each run named once");
    }

    @Test
    void withoutTheBaselinesARoundIsTodaysRowsAndTheSelectedGroupsOnly() {
        assertEquals(List.of("own", "cold"), new ColdRows(false, false, false, false, false, false, false, false,
                false).order());
        assertEquals(List.of("own", "mapped", "cold"), new ColdRows(false, false, false, false, false, true, false,
                false, false).order());
        assertEquals(List.of("own", "floor", "own#2", "boto3", "cli", "own#3", "cold"), new ColdRows(true, false,
                false, false, false, false, false, false, false).order(), "no JDK 25: no image, no java25 rows");
    }

    @Test
    void anEarlierBuildsTwinRunsRightAfterARunOfThisBuildsRow() {
        List<String> order = new ColdRows(false, false, false, false, false, true, true, false, true).order();
        for (String row : List.of("own", "cold", "mapped", "signInLogin", "signInBearer")) {
            int twin = order.indexOf(row + ColdRows.BEFORE);
            assertTrue(twin > 0, row + " has a twin: " + order);
            assertEquals(row + ColdRows.AFTER, order.get(twin - 1), order.toString());
        }
        assertFalse(new ColdRows(false, false, false, false, false, false, false, false, true).order()
                .contains("mapped@before"), "no twin for a group not measured");
    }

    @Test
    void aRunsNameIsItsRowAndItsSuffix() {
        assertEquals("own", ColdRows.row("own#2"));
        assertEquals("#2", ColdRows.suffix("own#2"));
        assertEquals("signInLogin", ColdRows.row("signInLogin@before"));
        assertEquals("@before", ColdRows.suffix("signInLogin@before"));
        assertEquals("cold", ColdRows.row("cold#after"));
        assertEquals("zip25", ColdRows.row("zip25"));
        assertEquals("", ColdRows.suffix("zip25"));
    }

    @Test
    void everyRunOfEveryConfigurationHasARunner() {
        Contenders.Runners nothing = new Contenders.Runners(null, null, null, new Contenders.Twins<>(null, null),
                null, null, new Contenders.Twins<>(null, null), null, null, null, null, null, null, null, null);
        for (ColdRows rows : everyConfiguration()) {
            Contenders contenders = assertDoesNotThrow(() -> new Contenders(rows, nothing), rows.toString());
            assertEquals(rows.order(), contenders.names());
        }
    }
}

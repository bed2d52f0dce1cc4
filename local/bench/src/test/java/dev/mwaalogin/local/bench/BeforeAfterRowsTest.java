package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before and after in one run: per-round ratios of cold rows, per-pair ratios of warm series. */
class BeforeAfterRowsTest {

    @Test
    void aColdRatioIsTheMedianOfThePerRoundRatiosNotTheRatioOfTheMedians() {
        Samples samples = new Samples();
        // Round by round the change costs 10 %, while the machine slows down over the run.
        double[] before = {100, 200, 300, 400, 500};
        for (double value : before) {
            samples.add("own" + ColdRows.AFTER, value * 1.1);
            samples.add("own" + ColdRows.BEFORE, value);
        }
        Stats ratios = samples.ratios("own" + ColdRows.AFTER, "own" + ColdRows.BEFORE);
        assertEquals(1.1, ratios.median(), 1e-9);
        assertEquals(1.1, ratios.q1(), 1e-9);
        assertEquals(1.1, ratios.q3(), 1e-9);
        String table = new BeforeAfterRows("main~1", samples, 1, List.of(), List.of()).table();
        assertTrue(table.contains("against main~1"), table);
        assertTrue(table.contains("| cold, zip: fresh JVM, init, one GET /login | 330 ms | 300 ms | **1.100** | "
                + "1.100–1.100 (middle half of 5 rounds) |"), table);
        assertFalse(table.contains("per-person"), "no row for what was not measured: " + table);
    }

    @Test
    void ratiosNeedTheSameRounds() {
        Samples samples = new Samples();
        samples.add("own", 1);
        samples.add("own", 2);
        samples.add("own" + ColdRows.BEFORE, 1);
        assertThrows(IllegalArgumentException.class, () -> samples.ratios("own", "own" + ColdRows.BEFORE));
        assertThrows(IllegalArgumentException.class, () -> samples.ratios("own", "mapped"));
    }

    @Test
    void quartilesBoundTheMiddleHalf() {
        Stats stats = new Stats(new double[] {8, 1, 7, 2, 6, 3, 5, 4});
        assertEquals(2, stats.q1(), 1e-9);
        assertEquals(6, stats.q3(), 1e-9);
        assertEquals(List.of(7.0, 2.0), List.of(stats.slice(2, 2).values()[0], stats.slice(2, 2).values()[1]));
    }

    @Test
    void warmSeriesCompareEachPairAndSignInsEachSlice() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> after = List.of(json.readTree("{\"handler\":{\"p50\":1100},\"rawSdk\":{\"p50\":800}}"),
                json.readTree("{\"handler\":{\"p50\":1320},\"rawSdk\":{\"p50\":960}}"),
                json.readTree("{\"handler\":{\"p50\":1000},\"rawSdk\":{\"p50\":700}}"));
        List<JsonNode> before = List.of(json.readTree("{\"handler\":{\"p50\":1000},\"rawSdk\":{\"p50\":800}}"),
                json.readTree("{\"handler\":{\"p50\":1200},\"rawSdk\":{\"p50\":960}}"),
                json.readTree("{\"handler\":{\"p50\":1000},\"rawSdk\":{\"p50\":700}}"));
        Samples samples = new Samples();
        // Two pairs of two sign-ins each: the second pair ran on a slower machine.
        for (double value : new double[] {10, 10, 20, 20}) {
            samples.add("signInWarmCallback", value * 1.05);
            samples.add("signInWarmCallback" + ColdRows.BEFORE, value);
        }
        String table = new BeforeAfterRows("v1", samples, 2, after, before).table();
        assertTrue(table.contains("| warm: handler per request, p50 | 1.100 ms | 1.000 ms | **1.100** | "
                + "1.000–1.100 (3 alternating pairs) |"), table);
        assertTrue(table.contains("(the same code in both: noise), p50 | 0.800 ms | 0.800 ms | **1.000** |"), table);
        assertTrue(table.contains("| warm sign-in: callback (a new person each time), p50 | 10.50 ms | 10.00 ms | "
                + "**1.050** | 1.050–1.050 (2 alternating pairs) |"), table);
        assertFalse(table.contains("mappedHit") || table.contains("session cached"), table);
    }

    @Test
    void anEarlierBuildsProbeIsFoundWhereverThatRevisionKeptIt(@TempDir Path classes) throws Exception {
        Path file = classes.resolve("dev/mwaalogin/local/bench/WarmProbe.class");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        Files.write(classes.resolve("dev/mwaalogin/local/bench/Other.class"), new byte[] {1});
        WarmPath.Probe probe = EarlierBuild.probeOf(classes);
        assertEquals("dev.mwaalogin.local.bench.WarmProbe", probe.className());
        assertEquals(classes, probe.classes());
    }

    @Test
    void anEarlierBuildsProbeIsFoundInWhicheverModuleItsLocalToolsHadIt(@TempDir Path local) throws Exception {
        // Before local/ had modules: local/target/classes, the probe in the function's package.
        Path flat = local.resolve("flat");
        Path old = flat.resolve("target/classes/dev/mwaalogin/WarmProbe.class");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[] {1});
        assertEquals(new WarmPath.Probe(flat.resolve("target/classes"), "dev.mwaalogin.WarmProbe"),
                EarlierBuild.probeIn(flat));
        // Since: local/bench/target/classes, beside the other modules.
        Path modules = local.resolve("modules");
        Files.createDirectories(modules.resolve("runner/target/classes/dev/mwaalogin/local"));
        Path now = modules.resolve("bench/target/classes/dev/mwaalogin/local/bench/WarmProbe.class");
        Files.createDirectories(now.getParent());
        Files.write(now, new byte[] {1});
        assertEquals(new WarmPath.Probe(modules.resolve("bench/target/classes"), "dev.mwaalogin.local.bench.WarmProbe"),
                EarlierBuild.probeIn(modules));
    }
}

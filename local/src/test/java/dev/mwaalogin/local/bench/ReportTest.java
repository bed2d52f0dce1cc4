package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The write-up of made-up samples: each section's rows, ratios against targets, and the README's lines. */
class ReportTest {

    /** Microseconds, as the warm probe prints them. */
    private static final String WARM = "{\"handler\":{\"p50\":1000,\"p99\":3000},\"rawSdk\":{\"p50\":800,\"p99\":2000},"
            + "\"handlerOffline\":{\"p50\":100,\"p99\":300},\"mappedHit\":{\"p50\":1050,\"p99\":3100},"
            + "\"mappedMiss\":{\"p50\":2000,\"p99\":5000},\"rawAssumeRole\":{\"p50\":900,\"p99\":2500}}";

    private static final ClassLoadLog OFF = ClassLoadLog.parse(List.of(
            "[0.1s][info][class,load] java.lang.Object source: shared objects file",
            "[0.2s][info][class,load] dev.mwaalogin.SignInSettings source: file:/var/task/",
            "[0.3s][info][class,load] dev.mwaalogin.BrowserSignIn source: file:/var/task/"));
    private static final ClassLoadLog ON = ClassLoadLog.parse(List.of(
            "[0.1s][info][class,load] dev.mwaalogin.oidc.CookieSeal source: file:/var/task/",
            "[0.2s][info][class,load] com.nimbusds.jose.JWSAlgorithm source: jar:file:/x.jar!/"));

    private static JsonNode warm() throws Exception {
        return new ObjectMapper().readTree(WARM);
    }

    /** Three runs of each name, the median being the given value. */
    private static Samples samples(Object... namesAndMedians) {
        Samples samples = new Samples();
        for (int i = 0; i < namesAndMedians.length; i += 2) {
            double median = ((Number) namesAndMedians[i + 1]).doubleValue();
            for (double value : new double[] {median * 1.2, median, median * 0.9}) {
                samples.add((String) namesAndMedians[i], value);
            }
        }
        return samples;
    }

    @Test
    void identityComparesHitsWithTodaysWarmPathAndMissesWithOneMwaaCall() throws Exception {
        IdentityRows rows = new IdentityRows(samples("own", 500, "mapped", 560), warm());
        assertEquals(1.12, rows.coldRatio(), 1e-9);
        assertEquals(1.05, rows.hitRatio(), 1e-9);
        assertEquals(2.5, rows.missRatio(), 1e-9);
        String table = rows.table();
        assertTrue(table.contains("| **warm hit / today's warm handler (p50)** | 1.05 | | ≤ 1.10 |"), table);
        assertTrue(table.contains("| **warm miss / one MWAA call (p50)** | 2.50 | | ≤ 2.20 |"), table);
        assertTrue(table.contains("| warm miss / (one STS call + one MWAA call) (p50) | 1.18 | |  |"), table);
        assertTrue(table.contains("| cold, per person / shared identity | 1.12 | 1.12–1.12 |  |"), table);
        assertTrue(table.contains("| 560 ms | 504–672 |"), table);
        String readme = rows.readme();
        assertTrue(readme.contains("560 ms") && readme.contains("**1.05×**") && readme.contains("**2.50×**"),
                readme);
    }

    @Test
    void signInCountsItsClassesWhenOffAndComparesTheCodePresentWithTakenOut() throws Exception {
        Samples samples = samples("own", 510, "ownWithoutSignIn", 500, "cold", 800, "signInLogin", 1000,
                "signInInit", 600, "signInFirstCallback", 120, "signInBearer", 1100);
        for (double value : new double[] {30, 40, 50}) {
            samples.add("signInWarmLogin", value / 10);
            samples.add("signInWarmCallback", value);
            samples.add("signInWarmBearer", value / 2);
            samples.add("providerToken", value / 3);
        }
        SignInRows rows = new SignInRows(samples, warm(), OFF, ON);
        assertEquals(0, rows.signInClassesWhenOff());
        assertEquals(1.02, rows.unusedCodeRatio(), 1e-9);
        String table = rows.table();
        assertTrue(table.contains("present / taken out** | 1.02 | 1.02–1.02 | ≤ 1.05 |"), table);
        assertTrue(table.contains("default configuration: all / `dev.mwaalogin.oidc` / `com.nimbusds` / Secrets "
                + "Manager client | 3 / 0 / 0 / 0 |"), table);
        assertTrue(table.contains("browser sign-in configured | 2 / 1 / 1 / 0 |"), table);
        assertTrue(table.contains("(a new person each time), p50 / p99 | 40.00 / 50.00 ms | 30.00–50.00 |"), table);
        assertTrue(table.contains("only `dev.mwaalogin.BrowserSignIn`, `dev.mwaalogin.SignInSettings` load"), table);
        String readme = rows.readme();
        assertTrue(readme.contains("40.0 ms warm") && readme.contains("token endpoint alone 13.3 ms")
                && readme.contains("120 ms as the first after init") && readme.contains("0 classes of")
                && readme.contains("**1.02×**"), readme);
    }

    @Test
    void eventTypesCompareTheRuntimesMappingWithTheFunctionsReader() {
        EventTypeRows rows = new EventTypeRows(samples("cold", 800, "init", 450, "invoke", 340, "typed", 1000,
                "typedInit", 640, "typedInvoke", 350));
        assertEquals(1.25, rows.ratio(), 1e-9);
        assertTrue(rows.table().contains("| cold, typed handler / stream handler | 1.25 | 1.25–1.25 |  |"),
                rows.table());
    }

    @Test
    void withoutTheBaselinesTheReportShowsTodaysDefaultAndTheSelectedGroupsOnly() throws Exception {
        Report report = new Report(Selection.parse("identity"), samples("own", 500, "cold", 800, "mapped", 560),
                warm(), 0, null, null, null, null, null);
        String table = report.table();
        assertTrue(table.contains("groups: identity"), table);
        assertTrue(table.contains("| warm: handler per request, p50 / p99 | 1.00 / 3.00 ms | |"), table);
        assertTrue(table.contains("### Per-person identity"), table);
        assertFalse(table.contains("### Browser sign-in") || table.contains("boto3"), table);
    }

    @Test
    void theReadmeCarriesTheIdentityAndSignInLinesAfterTheBaselines() throws Exception {
        Samples samples = samples("own", 500, "own#2", 500, "own#3", 500, "cold", 800, "rss", 90, "boto3", 600,
                "cli", 1000, "floor", 50,
                "mapped", 560, "ownWithoutSignIn", 500, "signInLogin", 1000, "signInInit", 600,
                "signInFirstCallback", 120, "signInBearer", 1100, "signInWarmCallback", 40, "providerToken", 12,
                "typed", 900);
        Report report = new Report(Selection.all(), samples, warm(), 6_500_000, new RealBinaries(
                Path.of("/usr/bin/python3"), "3.11.7", List.of("aws"), "aws-cli/1.45"), null, null, OFF, ON);
        String readme = report.readmeSummary();
        assertTrue(readme.indexOf("boto3 script") < readme.indexOf("**Per-person identity**"), readme);
        assertTrue(readme.indexOf("**Per-person identity**") < readme.indexOf("**Browser sign-in**"), readme);
        List<String> labels = report.bars().stream().map(Chart.Bar::label).toList();
        assertTrue(labels.contains("zip, per person (ROLE_MAPPING)") && labels.contains(
                "browser sign-in: first /login, runtime client"), labels.toString());
    }

    @Test
    void aWarmSeriesTheProbeDidNotMeasureIsAnError() throws Exception {
        JsonNode without = new ObjectMapper().readTree("{\"handler\":{\"p50\":1000,\"p99\":3000}}");
        assertThrows(IllegalArgumentException.class, () -> Rows.warmMs(without, "mappedHit", "p50"));
    }
}

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
            "[0.2s][info][class,load] dev.mwaalogin.signin.SignInSettings source: file:/var/task/",
            "[0.3s][info][class,load] dev.mwaalogin.signin.BrowserSignIn source: file:/var/task/"));
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
        assertTrue(readme.contains("560 ms") && readme.contains("**1.12×** (1.12–1.12)")
                && readme.contains("**1.05×**") && readme.contains("**2.50×**"),
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
        assertTrue(table.contains("only `dev.mwaalogin.signin.SignInSettings`, `dev.mwaalogin.signin.BrowserSignIn` "
                + "load"), table);
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

    /** Named series, one value per round. */
    private static void series(Samples samples, String name, double... values) {
        for (double value : values) {
            samples.add(name, value);
        }
    }

    @Test
    void theBaselinesPublishEachRatioAsTheMedianOfItsRoundsWithTheirMiddleHalfAndTheJava25AndCostRows()
            throws Exception {
        Samples samples = new Samples();
        // Four rounds; the zip's run next to boto3 takes 1.4, 1.5, 1.6 and 1.5 times it.
        series(samples, "boto3", 400, 420, 800, 410);
        series(samples, "own#2", 560, 630, 1280, 615);
        series(samples, "own", 600, 610, 620, 630);
        series(samples, "own#3", 600, 610, 620, 630);
        series(samples, "cli", 900, 900, 900, 900);
        series(samples, "floor", 100, 100, 100, 100);
        for (String name : new String[] {"cold", "cold#2"}) {
            series(samples, name, 1000, 1000, 1000, 1000);
        }
        series(samples, "init", 600, 600, 600, 600);
        series(samples, "invoke", 400, 400, 400, 400);
        series(samples, "rss", 90, 90, 90, 90);
        series(samples, "coldCpu", 1100, 1100, 1100, 1100);
        for (String name : new String[] {"image", "image#2"}) {
            series(samples, name, 300, 300, 300, 300);
        }
        series(samples, "imageInit", 180, 180, 180, 180);
        series(samples, "imageInvoke", 120, 120, 120, 120);
        series(samples, "imageRss", 68, 68, 68, 68);
        series(samples, "imageCpu", 400, 400, 400, 400);
        series(samples, "imageNoCache", 1000, 1000, 1000, 1000);
        series(samples, "zip25", 900, 950, 1000, 950);
        series(samples, "zip25Init", 500, 500, 500, 500);
        series(samples, "zip25Invoke", 400, 400, 400, 400);
        series(samples, "zip25Rss", 98, 98, 98, 98);
        series(samples, "zip25Cpu", 1000, 1000, 1000, 1000);
        series(samples, "zip25Trained", 700, 700, 700, 700);
        JsonNode warm = new ObjectMapper().readTree(WARM.replace("}}", "},\"rawSdkOffline\":{\"p50\":80,"
                + "\"p99\":200}}"));
        ClassLoadLog shipped = ClassLoadLog.parse(List.of(
                "[0.1s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: shared "
                        + "objects file",
                "[0.2s][info][class,load] dev.mwaalogin.HttpApiHandler source: file:/var/task/"));
        Report report = new Report(Selection.parse("baselines"), samples, warm, 7_000_000, new RealBinaries(
                Path.of("/usr/bin/python3"), "3.11.7", List.of("aws"), "aws-cli/1.45"), new Report.ImageFacts(
                "Java 25", 13_000_000, 27_000_000), new Report.Java25Facts("Java 25", 15_000_000, shipped, 0, null),
                null, null);
        String table = report.table();
        assertTrue(table.contains("| cold, zip / boto3 script | 1.50 | 1.40–1.50 | ≤ 1.00 |"), table);
        assertTrue(table.contains("| cold, zip under the runtime client: java25 model / java21 model | 0.95 | "
                + "0.90–0.95 |  |"), table);
        assertTrue(table.contains("| **cold, zip on java25** (model:"), table);
        assertTrue(table.contains("| java25 model, classes one cold /login loads: from the cache / all; the runtime "
                + "client's (`com.amazonaws.services.lambda.runtime.api.client`); the function's (`dev.mwaalogin`); "
                + "the SDK's | 1 / 2; 1 / 1; 0 / 1; 0 / 0 | |"), table);
        assertTrue(table.contains("### What one login costs"), table);
        assertTrue(table.contains("| cold, zip on java25 (model): init + first invoke | 1769 MB |"), table);
        assertFalse(table.contains("Per-person identity"), "only the groups measured: " + table);
        String readme = report.readmeSummary();
        assertTrue(readme.contains("| 610 ms | **1.50×** (1.40–1.50) |"), readme);
        assertTrue(readme.contains("takes 950 ms against 1000 ms on the `java21` model, **0.95×** (0.90–0.95)"),
                readme);
        assertTrue(report.bars().stream().anyMatch(bar -> bar.label().startsWith("zip on java25")));
        assertEquals(List.of(ColdRatio.ZIP_BOTO3, ColdRatio.ZIP_CLI, ColdRatio.ZIP_FLOOR, ColdRatio.IMAGE_BOTO3,
                ColdRatio.IMAGE_CLI, ColdRatio.IMAGE_ZIP, ColdRatio.JAVA25_JAVA21, ColdRatio.JAVA25_FUNCTION_CACHE),
                report.published());
    }

    @Test
    void aWarmSeriesTheProbeDidNotMeasureIsAnError() throws Exception {
        JsonNode without = new ObjectMapper().readTree("{\"handler\":{\"p50\":1000,\"p99\":3000}}");
        assertThrows(IllegalArgumentException.class, () -> Rows.warmMs(without, "mappedHit", "p50"));
    }
}

package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows for Airflow's REST API through {@code /api}: a warm API call
 * against a raw SDK {@code InvokeRestApi} to the same emulator (target: handler ≤ {@value #TARGET}× raw, p50), and
 * cold API calls (init and one {@code GET /api/demo/dags} under AWS's runtime client) beside cold logins of the same
 * configuration, their per-round ratio. {@code local/run bench-api [-Dbench.runs=15 -Dbench.warm=2000]
 * [-Dbench.write=true]}: with {@code bench.write=true}, the printout replaces BENCHMARKS.md's API section.
 */
public final class ApiBench {

    static final double TARGET = 1.10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiBench() {
    }

    /** {@code events/http-redirect.json}'s caller, asking {@code GET /api/demo/dags?limit=2} instead. */
    static String apiEvent(String loginEvent) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(loginEvent);
        event.put("routeKey", "ANY /api/{environment}/{proxy+}");
        event.put("rawPath", "/api/demo/dags");
        event.put("rawQueryString", "limit=2");
        event.putObject("queryStringParameters").put("limit", "2");
        event.putObject("pathParameters").put("environment", "demo").put("proxy", "dags");
        ObjectNode context = (ObjectNode) event.path("requestContext");
        context.put("routeKey", "ANY /api/{environment}/{proxy+}");
        ((ObjectNode) context.path("http")).put("path", "/api/demo/dags");
        return event.toString();
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getProperty("bench.runs", "15"));
        int warmRounds = Integer.parseInt(System.getProperty("bench.warm", "2000"));
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        Path work = Files.createDirectories(root.resolve("local/bench/target/bench"));
        String login = Files.readString(root.resolve("events/http-redirect.json"));
        Path apiEvent = work.resolve("http-api-bench.json");
        Files.writeString(apiEvent, apiEvent(login));
        try (Stage stage = Stage.start(function, false)) {
            FunctionSetup mapped = new FunctionSetup(taskRoot, function, stage.shared()).withVariables(stage.mapped());
            JsonNode warm = JSON.readTree(WarmPath.measure(new WarmPath.Probe(Path.of(
                    ApiProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath()),
                    ApiProbe.class.getName()), mapped, apiEvent, warmRounds / 5, warmRounds, Stage.ROLE_MAPPING,
                    Stage.ROLE_ARNS, Stage.VIEWER_ROLE_ARN, List.of()));
            List<ColdPaths.FunctionRun> coldApi = new ArrayList<>();
            List<ColdPaths.FunctionRun> coldLogin = new ArrayList<>();
            ColdPaths api = new ColdPaths(mapped, Files.readString(apiEvent));
            ColdPaths signIn = new ColdPaths(mapped, login);
            for (int i = 0; i < runs; i++) {
                coldLogin.add(signIn.function());
                coldApi.add(api.function());
            }
            double handler = warm.path("apiHandler").path("p50").asDouble() / 1000;
            double raw = warm.path("rawInvokeRestApi").path("p50").asDouble() / 1000;
            double[] ratios = new double[runs];
            for (int i = 0; i < runs; i++) {
                ratios[i] = coldApi.get(i).totalMs() / coldLogin.get(i).totalMs();
            }
            java.util.Arrays.sort(ratios);
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Run %s UTC with `local/run bench-api -Dbench.runs=%d "
                    + "-Dbench.warm=%d` (%s, %d cores); statuses of the cold API calls: %s.%n%n",
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withSecond(0).withNano(0)
                            .toString().replace('T', ' '), runs, warmRounds, System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(),
                    coldApi.stream().map(ColdPaths.FunctionRun::status).distinct().toList()));
            out.append("| what | median | |\n|---|---:|---:|\n");
            out.append(String.format(Locale.ROOT, "| warm: handler `GET /api/demo/dags` (the person's session cached),"
                    + " p50 / p99 | %.3f / %.3f ms | |%n", handler, warm.path("apiHandler").path("p99").asDouble()
                    / 1000));
            out.append(String.format(Locale.ROOT, "| warm: raw SDK `invokeRestApi`, same emulator and IAM role, p50 /"
                    + " p99 | %.3f / %.3f ms | |%n", raw, warm.path("rawInvokeRestApi").path("p99").asDouble()
                    / 1000));
            out.append(String.format(Locale.ROOT, "| **warm: handler / raw SDK (p50)** | **%.2f** | target ≤ %.2f |%n",
                    handler / raw, TARGET));
            out.append(String.format(Locale.ROOT, "| cold: init and one `GET /api/demo/dags`, under the runtime client"
                    + " | %.0f ms (init %.0f, invoke %.0f) | |%n", median(coldApi, 0), median(coldApi, 1),
                    median(coldApi, 2)));
            out.append(String.format(Locale.ROOT, "| cold: init and one `GET /login`, the same configuration, in the"
                    + " same rounds | %.0f ms (init %.0f, invoke %.0f) | |%n", median(coldLogin, 0),
                    median(coldLogin, 1), median(coldLogin, 2)));
            out.append(String.format(Locale.ROOT, "| cold API call / cold login, median of per-round ratios | %.2f |"
                    + " middle half %.2f–%.2f |%n", ratios[runs / 2], ratios[runs / 4], ratios[(3 * runs) / 4]));
            System.out.print(out);
            if ("true".equals(System.getProperty("bench.write"))) {
                write(root.resolve("BENCHMARKS.md"), out.toString());
                System.out.println("written into BENCHMARKS.md between " + START + " and " + END);
            }
        }
    }

    static final String START = "<!-- bench:api:start -->";
    static final String END = "<!-- bench:api:end -->";

    /** Replaces what lies between the API section's markers: only a run's own printout goes there. */
    static void write(Path document, String section) throws IOException {
        String text = Files.readString(document);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IOException(document + " has no " + START + " ... " + END + " section");
        }
        Files.writeString(document, text.substring(0, start + START.length()) + "\n" + section
                + text.substring(end));
    }

    private static double median(List<ColdPaths.FunctionRun> runs, int part) {
        double[] values = runs.stream().mapToDouble(run -> part == 0 ? run.totalMs() : part == 1 ? run.initMs()
                : run.invokeMs()).sorted().toArray();
        return values[values.length / 2];
    }
}

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
 * The rows for Airflow's REST API through {@code /api}, printed, never written into BENCHMARKS.md: a warm API call
 * against a raw SDK {@code InvokeRestApi} to the same emulator (target: handler ≤ {@value #TARGET}× raw, p50), and
 * cold API calls (init and one {@code GET /api/demo/dags} under AWS's runtime client) beside cold logins of the same
 * configuration. {@code local/run bench-api [-Dbench.runs=5 -Dbench.warm=2000]}.
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
        int runs = Integer.parseInt(System.getProperty("bench.runs", "5"));
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
            System.out.printf(Locale.ROOT, "warm: handler GET /api/demo/dags (person's session cached), p50 %.3f ms, "
                    + "p99 %.3f ms%n", handler, warm.path("apiHandler").path("p99").asDouble() / 1000);
            System.out.printf(Locale.ROOT, "warm: raw SDK invokeRestApi, same emulator and IAM role, p50 %.3f ms, "
                    + "p99 %.3f ms%n", raw, warm.path("rawInvokeRestApi").path("p99").asDouble() / 1000);
            System.out.printf(Locale.ROOT, "warm: handler / raw SDK (p50) %.2f (target <= %.2f)%n", handler / raw,
                    TARGET);
            System.out.printf(Locale.ROOT, "cold: init + one GET /api/demo/dags, median of %d: %.0f ms (init %.0f, "
                    + "invoke %.0f); statuses %s%n", runs, median(coldApi, 0), median(coldApi, 1), median(coldApi, 2),
                    coldApi.stream().map(ColdPaths.FunctionRun::status).toList());
            System.out.printf(Locale.ROOT, "cold: init + one GET /login (same configuration), median of %d: %.0f ms "
                    + "(init %.0f, invoke %.0f)%n", runs, median(coldLogin, 0), median(coldLogin, 1),
                    median(coldLogin, 2));
        }
    }

    private static double median(List<ColdPaths.FunctionRun> runs, int part) {
        double[] values = runs.stream().mapToDouble(run -> part == 0 ? run.totalMs() : part == 1 ? run.initMs()
                : run.invokeMs()).sorted().toArray();
        return values[values.length / 2];
    }
}

package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The emulator's own control surface under {@code /_emulator/}, unsigned so people can use curl:
 *
 * <pre>
 * GET    /_emulator/health               {"status":"ok","region":"us-east-1","account":"123456789012"}
 * GET    /_emulator/environments         name to {webServerHostname, airflowVersion, loginPath}
 * GET    /_emulator/airflow/{env}        the environment's fake Airflow: DAGs (paused or not), DAG runs with who
 *                                        triggered them, audit log
 * GET    /_emulator/hits                 target to request count; DELETE resets all counts
 * GET    /_emulator/faults/{target}      {"target":...,"fault":...}, the armed fault as FaultSpec text; 404 when none
 * PUT    /_emulator/faults/{target}      arm one; the body is FaultSpec text, as for --fault: status:503,times=2
 * DELETE /_emulator/faults/{target}      disarm; DELETE /_emulator/faults disarms every target
 * </pre>
 *
 * A target is an environment's name (its CreateWebLoginToken calls), {@code restapi:<env>} (its InvokeRestApi
 * calls), or {@code _sts}, {@code _secretsmanager} or {@code _getenvironment} (every call to that API).
 */
final class AdminEndpoint {

    static final String PATH_PREFIX = "/_emulator/";
    private static final String FAULTS = PATH_PREFIX + "faults";
    private static final String AIRFLOW = PATH_PREFIX + "airflow/";

    private final AwsAccount account;
    private final Map<String, EmulatedEnvironment> environments;
    private final Map<String, FakeAirflow> airflows;
    private final FaultBook faults;
    private final HitCounter hits;

    AdminEndpoint(AwsAccount account, Map<String, EmulatedEnvironment> environments,
                  Map<String, FakeAirflow> airflows, FaultBook faults, HitCounter hits) {
        this.account = account;
        this.environments = Map.copyOf(environments);
        this.airflows = Map.copyOf(airflows);
        this.faults = faults;
        this.hits = hits;
    }

    Reply handle(HttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        try {
            if (path.equals(PATH_PREFIX + "health") && method.equals("GET")) {
                return HttpResponse.json(200, Map.of("status", "ok", "region", account.region(), "account",
                        account.id()));
            }
            if (path.equals(PATH_PREFIX + "environments") && method.equals("GET")) {
                Map<String, Object> out = new LinkedHashMap<>();
                new TreeMap<>(environments).forEach((name, env) -> out.put(name, Map.of(
                        "webServerHostname", env.webServerHostname(), "airflowVersion", env.airflowVersion(),
                        "loginPath", env.loginPath())));
                return HttpResponse.json(200, out);
            }
            if (path.startsWith(AIRFLOW) && method.equals("GET")) {
                return airflow(CanonicalRequest.decode(path.substring(AIRFLOW.length())));
            }
            if (path.equals(PATH_PREFIX + "hits")) {
                return hits(method);
            }
            if (path.equals(FAULTS) && method.equals("DELETE")) {
                faults.clearAll();
                return HttpResponse.empty(204);
            }
            if (path.startsWith(FAULTS + "/")) {
                return faults(CanonicalRequest.decode(path.substring(FAULTS.length() + 1)), request);
            }
            return problem(404, "No such emulator endpoint: " + method + " " + path);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    private Reply airflow(String environment) {
        FakeAirflow airflow = airflows.get(environment);
        if (airflow == null) {
            return problem(404, "No environment named " + environment + "; environments: " + airflows.keySet());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("airflowVersion", airflow.environment().airflowVersion());
        Map<String, Object> dags = new LinkedHashMap<>();
        for (String dagId : airflow.dagIds()) {
            Map<String, Object> dag = new LinkedHashMap<>();
            dag.put("paused", airflow.isPaused(dagId));
            dag.put("runs", airflow.dagRuns(dagId).stream().map(AdminEndpoint::run).toList());
            dags.put(dagId, dag);
        }
        out.put("dags", dags);
        out.put("events", airflow.events().stream().map(AdminEndpoint::event).toList());
        return HttpResponse.json(200, out);
    }

    private static Map<String, Object> run(AirflowDagRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("state", run.state());
        out.put("runAfter", run.runAfter().toString());
        out.put("triggeredBy", run.triggeredBy());
        return out;
    }

    private static Map<String, Object> event(AirflowEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", event.id());
        out.put("when", event.when().toString());
        out.put("event", event.event());
        out.put("dagId", event.dagId());
        out.put("owner", event.owner());
        return out;
    }

    private Reply hits(String method) {
        if (method.equals("DELETE")) {
            hits.reset();
            return HttpResponse.empty(204);
        }
        return method.equals("GET") ? HttpResponse.json(200, hits.snapshot()) : problem(405, "GET or DELETE");
    }

    private Reply faults(String target, HttpRequest request) {
        Optional<FaultControl> found = faults.control(target);
        if (found.isEmpty()) {
            return problem(404, "No fault target named " + target + "; targets: " + faults.targets());
        }
        switch (request.method()) {
            case "PUT" -> {
                found.get().arm(new String(request.body(), StandardCharsets.UTF_8));
                return current(target);
            }
            case "DELETE" -> {
                found.get().clear();
                return HttpResponse.empty(204);
            }
            case "GET" -> {
                return current(target);
            }
            default -> {
                return problem(405, "GET, PUT or DELETE");
            }
        }
    }

    private Reply current(String target) {
        Optional<FaultSpec> armed = faults.current(target);
        if (armed.isEmpty()) {
            return problem(404, "No fault armed for " + target);
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("target", target);
        answer.put("fault", armed.get().toString());
        return HttpResponse.json(200, answer);
    }

    private static HttpResponse problem(int status, String message) {
        return HttpResponse.json(status, Map.of("message", message));
    }
}

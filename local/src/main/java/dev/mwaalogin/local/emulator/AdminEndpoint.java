package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The emulator's own control surface under {@code /_emulator/}, unsigned so people can use curl:
 *
 * <pre>
 * GET    /_emulator/health               {"status":"ok","region":"us-east-1"}
 * GET    /_emulator/environments         name to {webServerHostname, airflowVersion}
 * GET    /_emulator/hits                 name to request count; DELETE resets all counts
 * GET    /_emulator/faults/{env}         the armed fault, 404 when none
 * PUT    /_emulator/faults/{env}         arm one: {"kind":"status","status":500,"times":2} (see FaultSpec)
 * DELETE /_emulator/faults/{env}         disarm; DELETE /_emulator/faults disarms every environment
 * </pre>
 */
final class AdminEndpoint {

    static final String PATH_PREFIX = "/_emulator/";
    private static final String FAULTS = PATH_PREFIX + "faults";

    private final String region;
    private final Map<String, EmulatedEnvironment> environments;
    private final FaultBook faults;
    private final HitCounter hits;

    AdminEndpoint(String region, Map<String, EmulatedEnvironment> environments, FaultBook faults, HitCounter hits) {
        this.region = region;
        this.environments = Map.copyOf(environments);
        this.faults = faults;
        this.hits = hits;
    }

    Reply handle(HttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        try {
            if (path.equals(PATH_PREFIX + "health") && method.equals("GET")) {
                return ok(Map.of("status", "ok", "region", region));
            }
            if (path.equals(PATH_PREFIX + "environments") && method.equals("GET")) {
                Map<String, Object> out = new LinkedHashMap<>();
                new TreeMap<>(environments).forEach((name, env) -> out.put(name, Map.of(
                        "webServerHostname", env.webServerHostname(), "airflowVersion", env.airflowVersion())));
                return ok(out);
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

    private Reply hits(String method) {
        if (method.equals("DELETE")) {
            hits.reset();
            return HttpResponse.empty(204);
        }
        return method.equals("GET") ? ok(hits.snapshot()) : problem(405, "GET or DELETE");
    }

    private Reply faults(String environment, HttpRequest request) {
        if (!environments.containsKey(environment)) {
            return problem(404, "No environment named " + environment);
        }
        FaultControl control = new FaultControl(faults, environment);
        switch (request.method()) {
            case "PUT" -> {
                FaultSpec.fromJson(MiniJson.parseFlatObject(new String(request.body(), StandardCharsets.UTF_8)))
                        .armOn(control);
                return current(environment);
            }
            case "DELETE" -> {
                control.clear();
                return HttpResponse.empty(204);
            }
            case "GET" -> {
                return current(environment);
            }
            default -> {
                return problem(405, "GET, PUT or DELETE");
            }
        }
    }

    private Reply current(String environment) {
        return faults.current(environment)
                .<Reply>map(armed -> ok(FaultSpec.describe(armed.getKey(), armed.getValue())))
                .orElseGet(() -> problem(404, "No fault armed for " + environment));
    }

    private static HttpResponse ok(Map<String, ?> body) {
        return HttpResponse.json(200, MiniJson.object(body));
    }

    private static HttpResponse problem(int status, String message) {
        return HttpResponse.json(status, MiniJson.object(Map.of("message", message)));
    }
}

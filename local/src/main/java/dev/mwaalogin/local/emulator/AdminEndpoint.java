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
 * GET    /_emulator/hits                 target to request count; DELETE resets all counts
 * GET    /_emulator/faults/{target}      the armed fault, 404 when none
 * PUT    /_emulator/faults/{target}      arm one: {"kind":"status","status":500,"times":2} (see FaultSpec)
 * DELETE /_emulator/faults/{target}      disarm; DELETE /_emulator/faults disarms every target
 * </pre>
 *
 * A target is an environment's name (its CreateWebLoginToken calls), or {@code _sts}, {@code _secretsmanager} or
 * {@code _getenvironment} (every call to that API).
 */
final class AdminEndpoint {

    static final String PATH_PREFIX = "/_emulator/";
    private static final String FAULTS = PATH_PREFIX + "faults";

    private final AwsAccount account;
    private final Map<String, EmulatedEnvironment> environments;
    private final FaultBook faults;
    private final FaultTargets targets;
    private final HitCounter hits;

    AdminEndpoint(AwsAccount account, Map<String, EmulatedEnvironment> environments, FaultBook faults,
                  FaultTargets targets, HitCounter hits) {
        this.account = account;
        this.environments = Map.copyOf(environments);
        this.faults = faults;
        this.targets = targets;
        this.hits = hits;
    }

    Reply handle(HttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        try {
            if (path.equals(PATH_PREFIX + "health") && method.equals("GET")) {
                return ok(Map.of("status", "ok", "region", account.region(), "account", account.id()));
            }
            if (path.equals(PATH_PREFIX + "environments") && method.equals("GET")) {
                Map<String, Object> out = new LinkedHashMap<>();
                new TreeMap<>(environments).forEach((name, env) -> out.put(name, Map.of(
                        "webServerHostname", env.webServerHostname(), "airflowVersion", env.airflowVersion(),
                        "loginPath", env.loginPath())));
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

    private Reply faults(String target, HttpRequest request) {
        Optional<FaultControl> found = targets.control(target);
        if (found.isEmpty()) {
            return problem(404, "No environment named " + target + " (other targets: " + FaultTargets.STS + ", "
                    + FaultTargets.SECRETS_MANAGER + ", " + FaultTargets.GET_ENVIRONMENT + ")");
        }
        FaultControl control = found.get();
        switch (request.method()) {
            case "PUT" -> {
                FaultSpec.fromJson(MiniJson.parseFlatObject(new String(request.body(), StandardCharsets.UTF_8)),
                        targets.dialect(target)).armOn(control);
                return current(target);
            }
            case "DELETE" -> {
                control.clear();
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
        return faults.current(target)
                .<Reply>map(armed -> ok(FaultSpec.describe(armed.getKey(), armed.getValue())))
                .orElseGet(() -> problem(404, "No fault armed for " + target));
    }

    private static HttpResponse ok(Map<String, ?> body) {
        return HttpResponse.json(200, MiniJson.object(body));
    }

    private static HttpResponse problem(int status, String message) {
        return HttpResponse.json(status, MiniJson.object(Map.of("message", message)));
    }
}

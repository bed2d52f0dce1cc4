package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MWAA's CreateWebLoginToken: {@code POST /webtoken/{Name}}, rest-json, SigV4-signed for {@code airflow}. Every
 * request is counted; then an armed fault, the signature, the name and the environment decide the answer.
 */
final class WebTokenEndpoint {

    static final String PATH_PREFIX = "/webtoken/";

    /** MWAA's AirflowIdentity is at most 64 characters. */
    static final int AIRFLOW_IDENTITY_MAX = 64;

    private final Map<String, EmulatedEnvironment> environments;
    private final SigV4Verifier verifier;
    private final LoginTokenStore tokens;
    private final FaultBook faults;
    private final HitCounter hits;
    private final ShutdownSignal shutdown;

    WebTokenEndpoint(Map<String, EmulatedEnvironment> environments, SigV4Verifier verifier, LoginTokenStore tokens,
                     FaultBook faults, HitCounter hits, ShutdownSignal shutdown) {
        this.environments = Map.copyOf(environments);
        this.verifier = verifier;
        this.tokens = tokens;
        this.faults = faults;
        this.hits = hits;
        this.shutdown = shutdown;
    }

    Reply handle(HttpRequest request) {
        String name = CanonicalRequest.decode(request.rawPath().substring(PATH_PREFIX.length()));
        hits.record(name);
        Optional<Fault> fault = faults.take(name);
        if (fault.isPresent()) {
            Optional<Reply> faulty = apply(fault.get());
            if (faulty.isPresent()) {
                return faulty.get();
            }
        }
        try {
            return createToken(request, name);
        } catch (ApiException e) {
            return ErrorResponses.of(e);
        }
    }

    /** The reply a fault replaces the real answer with, or empty when the fault only delays it. */
    private Optional<Reply> apply(Fault fault) {
        if (fault instanceof Fault.Latency latency) {
            shutdown.pause(latency.delay());
            return Optional.empty();
        }
        if (fault instanceof Fault.ErrorStatus error) {
            return Optional.of(ErrorResponses.of(error.status(), error.errorType(), error.message()));
        }
        if (fault instanceof Fault.Hang hang) {
            return Optional.of(new Reply.HoldConnection(hang.duration()));
        }
        if (fault instanceof Fault.MalformedJson) {
            // A real response cut off mid-string: the shape a proxy or a dropped connection would leave.
            return Optional.of(HttpResponse.raw(200, "application/json",
                    "{\"WebToken\":\"eyJ0eXAiOiJK".getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(new Reply.ResetConnection());
    }

    private HttpResponse createToken(HttpRequest request, String name) throws ApiException {
        EmulatorCredentials caller = verifier.verify(request);
        if (!"POST".equals(request.method())) {
            throw new ApiException(404, "UnknownOperationException", "No operation " + request.method()
                    + " /webtoken/{Name}; CreateWebLoginToken is POST.");
        }
        validate(name);
        EmulatedEnvironment environment = Optional.ofNullable(environments.get(name))
                .orElseThrow(() -> new ApiException(404, "ResourceNotFoundException",
                        "Environment named " + name + " not found."));
        String airflowIdentity = airflowIdentity(caller.iamIdentity());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("WebToken", tokens.issue(environment.name(), airflowIdentity));
        body.put("WebServerHostname", environment.webServerHostname());
        body.put("IamIdentity", caller.iamIdentity());
        body.put("AirflowIdentity", airflowIdentity);
        return HttpResponse.json(200, MiniJson.object(body));
    }

    /** AWS's validation wording for the Name member's constraints. */
    private static void validate(String name) throws ApiException {
        String constraint = null;
        if (name.isEmpty()) {
            constraint = "Member must have length greater than or equal to 1";
        } else if (name.length() > EmulatedEnvironment.NAME_MAX_LENGTH) {
            constraint = "Member must have length less than or equal to " + EmulatedEnvironment.NAME_MAX_LENGTH;
        } else if (!EmulatedEnvironment.NAME_PATTERN.matcher(name).matches()) {
            constraint = "Member must satisfy regular expression pattern: "
                    + EmulatedEnvironment.NAME_PATTERN.pattern();
        }
        if (constraint != null) {
            throw new ApiException(400, "ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: " + constraint);
        }
    }

    /**
     * The Airflow user name MWAA reports for an IAM identity: the identity itself (MWAA names Airflow users after
     * the caller), cut to the 64 characters the model allows.
     */
    static String airflowIdentity(String iamIdentity) {
        return iamIdentity.length() <= AIRFLOW_IDENTITY_MAX ? iamIdentity
                : iamIdentity.substring(0, AIRFLOW_IDENTITY_MAX);
    }
}

package dev.mwaalogin.local.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MWAA's GetEnvironment: {@code GET /environments/{Name}}, rest-json, SigV4 for {@code airflow} (host prefix
 * {@code api.}, which clients turn off as they do {@code env.}). It answers the members a caller of the sign-in path
 * needs (name, ARN, status, Airflow version, web server URL, creation time), with the model's member names. Only
 * registered credentials (the function's role) may call it; its faults and hits are under
 * {@link MwaaEmulator#GET_ENVIRONMENT}, apart from each environment's CreateWebLoginToken.
 */
final class GetEnvironmentEndpoint {

    static final String PATH_PREFIX = "/environments/";

    private final Map<String, EmulatedEnvironment> environments;
    private final SigV4Verifier verifier;
    private final FaultGate gate;
    private final AwsAccount account;
    private final Instant createdAt;

    GetEnvironmentEndpoint(Map<String, EmulatedEnvironment> environments, SigV4Verifier verifier, FaultGate gate,
                           AwsAccount account, Instant createdAt) {
        this.environments = Map.copyOf(environments);
        this.verifier = verifier;
        this.gate = gate;
        this.account = account;
        this.createdAt = createdAt;
    }

    Reply handle(HttpRequest request) {
        Optional<Reply> faulty = gate.enter(MwaaEmulator.GET_ENVIRONMENT, Dialect.MWAA, request);
        if (faulty.isPresent()) {
            return faulty.get();
        }
        try {
            return describe(request, CanonicalRequest.decode(request.rawPath().substring(PATH_PREFIX.length())));
        } catch (ApiException e) {
            return Dialect.MWAA.error(e, request.id());
        }
    }

    private HttpResponse describe(HttpRequest request, String name) throws ApiException {
        Principal caller = verifier.verify(request);
        if (!"GET".equals(request.method())) {
            throw new ApiException(404, "UnknownOperationException", "The MWAA emulator has no operation "
                    + request.method() + " /environments/{Name}; GetEnvironment is GET.");
        }
        WebTokenEndpoint.validateName(name);
        if (!caller.registered()) {
            throw new ApiException(403, "AccessDeniedException", "User: " + account.callerArn(caller)
                    + " is not authorized to perform: airflow:GetEnvironment on resource: "
                    + account.environmentArn(name));
        }
        EmulatedEnvironment environment = Optional.ofNullable(environments.get(name))
                .orElseThrow(() -> new ApiException(404, "ResourceNotFoundException",
                        "Environment named " + name + " not found."));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("Name", environment.name());
        described.put("Arn", account.environmentArn(environment.name()));
        described.put("Status", "AVAILABLE");
        described.put("AirflowVersion", environment.airflowVersion());
        // A bare host name, as MWAA's console and CLI show it; the model's https:// pattern is not checked on answers.
        described.put("WebserverUrl", environment.webServerHostname());
        described.put("CreatedAt", BigDecimal.valueOf(createdAt.toEpochMilli(), 3));
        return HttpResponse.json(200, Map.of("Environment", described));
    }
}

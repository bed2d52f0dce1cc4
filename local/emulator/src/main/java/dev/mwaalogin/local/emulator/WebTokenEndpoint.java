package dev.mwaalogin.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MWAA's CreateWebLoginToken: {@code POST /webtoken/{Name}}, rest-json, SigV4-signed for {@code airflow}. Every
 * request is counted; then an armed fault, the signature, the name, the caller's grant and the environment decide
 * the answer. A token signs its caller in as {@code IamIdentity} with the Airflow role its grant names.
 */
final class WebTokenEndpoint {

    static final String PATH_PREFIX = "/webtoken/";

    /** MWAA's AirflowIdentity is at most 64 characters. */
    static final int AIRFLOW_IDENTITY_MAX = 64;

    private final Map<String, EmulatedEnvironment> environments;
    private final SigV4Verifier verifier;
    private final LoginTokenStore tokens;
    private final FaultGate gate;
    private final AwsAccount account;

    WebTokenEndpoint(Map<String, EmulatedEnvironment> environments, SigV4Verifier verifier, LoginTokenStore tokens,
                     FaultGate gate, AwsAccount account) {
        this.environments = Map.copyOf(environments);
        this.verifier = verifier;
        this.tokens = tokens;
        this.gate = gate;
        this.account = account;
    }

    Reply handle(HttpRequest request) {
        String name = CanonicalRequest.decode(request.rawPath().substring(PATH_PREFIX.length()));
        Optional<Reply> faulty = gate.enter(name, Dialect.MWAA, request);
        if (faulty.isPresent()) {
            return faulty.get();
        }
        try {
            return createToken(request, name);
        } catch (ApiException e) {
            return Dialect.MWAA.error(e, request.id());
        }
    }

    private HttpResponse createToken(HttpRequest request, String name) throws ApiException {
        Principal caller = verifier.verify(request);
        if (!"POST".equals(request.method())) {
            throw new ApiException(404, "UnknownOperationException", "No operation " + request.method()
                    + " /webtoken/{Name}; CreateWebLoginToken is POST.");
        }
        validateName(name);
        // IAM decides before the service looks: a caller without a grant is refused whether or not the name exists.
        if (!caller.grant().allows(name)) {
            throw new ApiException(403, "AccessDeniedException", "User: " + account.callerArn(caller)
                    + " is not authorized to perform: airflow:CreateWebLoginToken on resource: "
                    + account.airflowRoleArn(name, caller.grant().airflowRole()));
        }
        EmulatedEnvironment environment = Optional.ofNullable(environments.get(name))
                .orElseThrow(() -> new ApiException(404, "ResourceNotFoundException",
                        "Environment named " + name + " not found."));
        String iamIdentity = caller.credentials().iamIdentity();
        String airflowIdentity = airflowIdentity(iamIdentity);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("WebToken", tokens.issue(environment.name(), airflowIdentity, caller.grant().airflowRole()));
        body.put("WebServerHostname", environment.webServerHostname());
        body.put("IamIdentity", iamIdentity);
        body.put("AirflowIdentity", airflowIdentity);
        return HttpResponse.json(200, body);
    }

    /** AWS's validation wording for the Name member's constraints. */
    static void validateName(String name) throws ApiException {
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
     * The Airflow user name MWAA reports for an IAM identity: the identity itself, as MWAA names Airflow users
     * after the caller. MWAA's model caps it at 64 characters and MWAA shortens longer ones in a way it does not
     * document; the emulator refuses them instead, so a role or session name that would be shortened is noticed in
     * a test rather than silently differing from AWS (or, cut naively, making two people one Airflow user).
     */
    static String airflowIdentity(String iamIdentity) throws ApiException {
        if (iamIdentity.length() > AIRFLOW_IDENTITY_MAX) {
            throw new ApiException(400, "ValidationException", "The Airflow identity for " + iamIdentity + " would "
                    + "be " + iamIdentity.length() + " characters; MWAA allows " + AIRFLOW_IDENTITY_MAX + " and the "
                    + "MWAA emulator does not shorten it. Use a shorter IAM role or session name.");
        }
        return iamIdentity;
    }
}

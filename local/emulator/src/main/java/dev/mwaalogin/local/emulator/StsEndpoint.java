package dev.mwaalogin.local.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * STS's AssumeRole on the emulator's address: {@code POST /} with a form body (or the parameters in the query
 * string), query protocol, SigV4 for {@code sts}. Registered credentials may assume any {@link IamRole} the emulator
 * knows; the session's credentials then sign MWAA calls as {@code assumed-role/<role>/<session>}. Faults and hits
 * are under {@link MwaaEmulator#STS}.
 */
final class StsEndpoint {

    static final String VERSION = "2011-06-15";

    private final Map<String, IamRole> roles;
    private final Principals principals;
    private final SigV4Verifier verifier;
    private final FaultGate gate;
    private final AwsAccount account;

    StsEndpoint(Map<String, IamRole> roles, Principals principals, SigV4Verifier verifier, FaultGate gate,
                AwsAccount account) {
        this.roles = Map.copyOf(roles);
        this.principals = principals;
        this.verifier = verifier;
        this.gate = gate;
        this.account = account;
    }

    Reply handle(HttpRequest request) {
        Optional<Reply> faulty = gate.enter(MwaaEmulator.STS, Dialect.STS, request);
        if (faulty.isPresent()) {
            return faulty.get();
        }
        try {
            return dispatch(request).operation("sts:AssumeRole");
        } catch (ApiException e) {
            return Dialect.STS.error(e, request.id()).operation("sts");
        }
    }

    private HttpResponse dispatch(HttpRequest request) throws ApiException {
        Principal caller;
        try {
            caller = verifier.verify(request);
        } catch (ApiException e) {
            throw Dialect.STS.signatureError(e);
        }
        Map<String, String> parameters;
        try {
            parameters = QueryParameters.of(request);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "MalformedQueryString", "The request's parameters are not form-encoded.");
        }
        String action = parameters.get("Action");
        if (!"AssumeRole".equals(action)) {
            throw new ApiException(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + parameters.getOrDefault("Version", VERSION) + " (the MWAA emulator's STS has AssumeRole only)");
        }
        return assumeRole(caller, AssumeRoleParameters.from(parameters), request.id());
    }

    private HttpResponse assumeRole(Principal caller, AssumeRoleParameters parameters, String requestId)
            throws ApiException {
        IamRole role = roles.get(parameters.roleArn());
        // An unknown role and one that does not trust the caller look the same to the caller, as in AWS.
        if (role == null || !caller.registered()) {
            throw new ApiException(403, "AccessDenied", "User: " + account.callerArn(caller)
                    + " is not authorized to perform: sts:AssumeRole on resource: " + parameters.roleArn());
        }
        if (parameters.duration().compareTo(role.maxSessionDuration()) > 0) {
            throw new ApiException(400, "ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Principal session = principals.issue(role, parameters.roleSessionName(), parameters.duration());
        return StsXml.assumeRoleResponse(session, account.id(), parameters.sourceIdentity(), requestId);
    }
}

package dev.mwaalogin.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * MWAA's InvokeRestApi: {@code POST /restapi/{Name}}, rest-json, SigV4 for {@code airflow} (host prefix {@code env.},
 * which clients turn off). Every request is counted under {@link MwaaEmulator#restApi(String)}; then an armed fault,
 * the signature, the name and body, the caller's {@code airflow:InvokeRestApi} grant and the environment decide
 * whether MWAA calls the environment's {@link FakeAirflow}. Airflow sees the caller as the Airflow user
 * {@code assumed-role/<role>/<session>} with the Airflow role of its grant, and its answer comes back as MWAA
 * passes it on: 2xx as {@code RestApiStatusCode} and {@code RestApiResponse}; 4xx as RestApiClientException and 5xx
 * as RestApiServerException, both HTTP 400 with the same two members, as the model has them.
 */
final class RestApiEndpoint {

    static final String PATH_PREFIX = "/restapi/";
    static final String OPERATION = "mwaa:InvokeRestApi";

    private final Map<String, EmulatedEnvironment> environments;
    private final Map<String, FakeAirflow> airflows;
    private final SigV4Verifier verifier;
    private final FaultGate gate;
    private final AwsAccount account;

    RestApiEndpoint(Map<String, EmulatedEnvironment> environments, Map<String, FakeAirflow> airflows,
                    SigV4Verifier verifier, FaultGate gate, AwsAccount account) {
        this.environments = Map.copyOf(environments);
        this.airflows = Map.copyOf(airflows);
        this.verifier = verifier;
        this.gate = gate;
        this.account = account;
    }

    Reply handle(HttpRequest request) {
        String name = CanonicalRequest.decode(request.rawPath().substring(PATH_PREFIX.length()));
        FaultGate.Admission admission = gate.admit(MwaaEmulator.restApi(name), Dialect.MWAA, request);
        if (admission.reply().isPresent()) {
            return admission.reply().get();
        }
        try {
            return invoke(request, name, admission.airflowStatus()).operation(OPERATION);
        } catch (ApiException e) {
            return Dialect.MWAA.error(e, request.id()).operation(OPERATION);
        }
    }

    private HttpResponse invoke(HttpRequest request, String name, OptionalInt airflowFault) throws ApiException {
        Principal caller = verifier.verify(request);
        if (!"POST".equals(request.method())) {
            throw new ApiException(404, "UnknownOperationException", "No operation " + request.method()
                    + " /restapi/{Name}; InvokeRestApi is POST.");
        }
        WebTokenEndpoint.validateName(name);
        InvokeRestApiInput input = InvokeRestApiInput.parse(request);
        // IAM decides before the service looks: a caller without the grant is refused whether or not the name exists.
        if (!caller.grant().allowsRestApi(name)) {
            throw new ApiException(403, "AccessDeniedException", "User: " + account.callerArn(caller)
                    + " is not authorized to perform: airflow:InvokeRestApi on resource: "
                    + account.airflowRoleArn(name, caller.grant().airflowRole()));
        }
        if (!environments.containsKey(name)) {
            throw new ApiException(404, "ResourceNotFoundException", "Environment named " + name + " not found.");
        }
        String airflowUser = WebTokenEndpoint.airflowIdentity(caller.credentials().iamIdentity());
        AirflowAnswer answer = airflows.get(name).handle(new AirflowCall(airflowUser, caller.grant().airflowRole(),
                input.method(), input.path(), input.query(), input.body()), airflowFault);
        return passOn(answer);
    }

    /** Airflow's answer as MWAA passes it on. */
    private static HttpResponse passOn(AirflowAnswer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RestApiStatusCode", answer.status());
        body.put("RestApiResponse", answer.body());
        if (answer.status() < 400) {
            return HttpResponse.json(200, body);
        }
        // No message member: the model's RestApi*Exception shapes have none, so SDKs report an empty message.
        String type = answer.status() < 500 ? "RestApiClientException" : "RestApiServerException";
        return HttpResponse.json(400, body).header(HttpResponse.ERROR_TYPE_HEADER, type);
    }
}

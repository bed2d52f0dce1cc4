package dev.mwaalogin.local.emulator;

import java.util.function.Function;

/**
 * Sends each request to the part of the emulator that plays it. One address plays every AWS API the function calls
 * and the Airflow web server, as the function is pointed at it for all of them (endpoint overrides and
 * {@code AIRFLOW_BASE_URL}):
 *
 * <pre>
 * POST /webtoken/{Name}                      MWAA CreateWebLoginToken
 * POST /restapi/{Name}                       MWAA InvokeRestApi, answered by the environment's fake Airflow
 * GET  /environments/{Name}                  MWAA GetEnvironment
 * POST /   X-Amz-Target: secretsmanager.*    Secrets Manager (awsJson 1.1)
 * POST /   form body with Action=...         STS (query protocol; also GET /?Action=...)
 * /aws_mwaa/..., /pluginsv2/aws_mwaa/...     the Airflow 2 and 3 sign-in pages
 * /_emulator/...                             the emulator's own admin endpoint
 * </pre>
 */
final class EmulatorRoutes implements Function<HttpRequest, Reply> {

    private final WebTokenEndpoint webTokens;
    private final RestApiEndpoint restApi;
    private final GetEnvironmentEndpoint getEnvironment;
    private final StsEndpoint sts;
    private final SecretsManagerEndpoint secretsManager;
    private final SsoEndpoints sso;
    private final AdminEndpoint admin;

    EmulatorRoutes(WebTokenEndpoint webTokens, RestApiEndpoint restApi, GetEnvironmentEndpoint getEnvironment,
                   StsEndpoint sts, SecretsManagerEndpoint secretsManager, SsoEndpoints sso, AdminEndpoint admin) {
        this.webTokens = webTokens;
        this.restApi = restApi;
        this.getEnvironment = getEnvironment;
        this.sts = sts;
        this.secretsManager = secretsManager;
        this.sso = sso;
        this.admin = admin;
    }

    @Override
    public Reply apply(HttpRequest request) {
        String path = request.rawPath();
        if (path.startsWith(WebTokenEndpoint.PATH_PREFIX)) {
            return webTokens.handle(request);
        }
        if (path.startsWith(RestApiEndpoint.PATH_PREFIX)) {
            return restApi.handle(request);
        }
        if (path.startsWith(GetEnvironmentEndpoint.PATH_PREFIX)) {
            return getEnvironment.handle(request);
        }
        if (path.equals("/") && SecretsManagerEndpoint.handles(request)) {
            return secretsManager.handle(request);
        }
        if (path.equals("/") && QueryParameters.isQueryCall(request)) {
            return sts.handle(request);
        }
        if (SsoEndpoints.handles(path)) {
            return sso.handle(request);
        }
        if (path.startsWith(AdminEndpoint.PATH_PREFIX)) {
            return admin.handle(request);
        }
        // What an AWS front end says about a path no operation lives on.
        return Dialect.MWAA.error(404, "UnknownOperationException", "No operation at " + request.method() + " "
                + path, request.id());
    }
}

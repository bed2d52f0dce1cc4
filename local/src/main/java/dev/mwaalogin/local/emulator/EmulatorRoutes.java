package dev.mwaalogin.local.emulator;

import java.util.function.Function;

/**
 * Sends each request to the part of the emulator that plays it: MWAA's API, the Airflow web server's sign-in, or
 * the emulator's own admin endpoint. One address plays all three, as the function is pointed at it for both MWAA
 * (endpoint override) and Airflow ({@code AIRFLOW_BASE_URL}).
 */
final class EmulatorRoutes implements Function<HttpRequest, Reply> {

    private final WebTokenEndpoint webTokens;
    private final SsoEndpoints sso;
    private final AdminEndpoint admin;

    EmulatorRoutes(WebTokenEndpoint webTokens, SsoEndpoints sso, AdminEndpoint admin) {
        this.webTokens = webTokens;
        this.sso = sso;
        this.admin = admin;
    }

    @Override
    public Reply apply(HttpRequest request) {
        String path = request.rawPath();
        if (path.startsWith(WebTokenEndpoint.PATH_PREFIX)) {
            return webTokens.handle(request);
        }
        if (path.startsWith(SsoEndpoints.PATH_PREFIX)) {
            return sso.handle(request);
        }
        if (path.startsWith(AdminEndpoint.PATH_PREFIX)) {
            return admin.handle(request);
        }
        // What an AWS front end says about a path no operation lives on.
        return ErrorResponses.of(404, "UnknownOperationException", "No operation at " + request.method() + " "
                + path);
    }
}

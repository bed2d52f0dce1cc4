package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Airflow web server's side of the login: the SSO page the function redirects to, and the redeem call the
 * page makes with the token from its URL fragment.
 */
final class SsoEndpoints {

    static final String PATH_PREFIX = "/aws_mwaa/";
    static final String PAGE_PATH = "/aws_mwaa/aws-console-sso";
    static final String REDEEM_PATH = "/aws_mwaa/redeem";

    private final LoginTokenStore tokens;
    private final Duration ttl;

    SsoEndpoints(LoginTokenStore tokens, Duration ttl) {
        this.tokens = tokens;
        this.ttl = ttl;
    }

    Reply handle(HttpRequest request) {
        if (request.rawPath().equals(PAGE_PATH)) {
            return request.method().equals("GET") ? SsoPage.response()
                    : HttpResponse.empty(405).header("Allow", "GET");
        }
        if (request.rawPath().equals(REDEEM_PATH)) {
            return request.method().equals("POST") ? redeem(request)
                    : HttpResponse.empty(405).header("Allow", "POST");
        }
        return HttpResponse.html(404, "<!DOCTYPE html><title>Not found</title><p>Not found.</p>");
    }

    /**
     * Body: the token as plain text. Answers 200 with {@code result: ok}, or 401 with {@code expired},
     * {@code reused} or {@code unknown}; always with a {@code message} fit to show a person.
     */
    private HttpResponse redeem(HttpRequest request) {
        String token = new String(request.body(), StandardCharsets.UTF_8).trim();
        LoginTokenStore.Redemption redemption = tokens.redeem(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", redemption.result().wireName());
        switch (redemption.result()) {
            case OK -> {
                body.put("environment", redemption.environment());
                body.put("airflowIdentity", redemption.airflowIdentity());
                body.put("message", "signed in to " + redemption.environment() + " as "
                        + redemption.airflowIdentity());
            }
            case EXPIRED -> body.put("message", "This login link has expired (links work for " + ttl.toSeconds()
                    + " seconds). Sign in again.");
            case REUSED -> body.put("message", "This login link was already used. Sign in again.");
            case UNKNOWN -> body.put("message", "This login link is not valid. Sign in again.");
        }
        int status = redemption.result() == LoginTokenStore.Result.OK ? 200 : 401;
        return HttpResponse.json(status, MiniJson.object(body)).header("Cache-Control", "no-store");
    }
}

package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Airflow web server's side of the login, for Airflow 2 and 3 alike (see {@link AirflowSite}): the SSO page the
 * function redirects to, and the redeem call the page makes with the token from its URL fragment.
 */
final class SsoEndpoints {

    /** Airflow 2's page and redeem call; Airflow 3's are the same under {@code /pluginsv2}. */
    static final String PAGE_PATH = AirflowSite.AIRFLOW_2.pagePath();
    static final String REDEEM_PATH = AirflowSite.AIRFLOW_2.redeemPath();

    private final LoginTokenStore tokens;
    private final Duration ttl;
    private final Map<String, EmulatedEnvironment> environments;

    SsoEndpoints(LoginTokenStore tokens, Duration ttl, Map<String, EmulatedEnvironment> environments) {
        this.tokens = tokens;
        this.ttl = ttl;
        this.environments = Map.copyOf(environments);
    }

    static boolean handles(String path) {
        return AirflowSite.of(path).isPresent();
    }

    Reply handle(HttpRequest request) {
        Optional<AirflowSite> site = AirflowSite.of(request.rawPath());
        if (site.isPresent() && request.rawPath().equals(site.get().pagePath())) {
            return request.method().equals("GET") ? SsoPage.response(site.get())
                    : HttpResponse.empty(405).header("Allow", "GET");
        }
        if (site.isPresent() && request.rawPath().equals(site.get().redeemPath())) {
            return request.method().equals("POST") ? redeem(request, site.get())
                    : HttpResponse.empty(405).header("Allow", "POST");
        }
        return HttpResponse.html(404, "<!DOCTYPE html><title>Not found</title><p>Not found.</p>");
    }

    /**
     * Body: the token as plain text. Answers 200 with {@code result: ok}; 401 with {@code expired}, {@code reused}
     * or {@code unknown}; or 404 with {@code wrong-page} for a token whose environment runs the other Airflow
     * generation (whose web server has no such page); always with a {@code message} fit to show a person.
     */
    private HttpResponse redeem(HttpRequest request, AirflowSite site) {
        String token = new String(request.body(), StandardCharsets.UTF_8).trim();
        LoginTokenStore.Redemption redemption = tokens.redeem(token,
                name -> environments.containsKey(name) && site.serves(environments.get(name)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", redemption.result().wireName());
        int status = 401;
        switch (redemption.result()) {
            case OK -> {
                status = 200;
                body.put("environment", redemption.environment());
                body.put("airflowIdentity", redemption.airflowIdentity());
                body.put("airflowRole", redemption.airflowRole());
                body.put("message", "signed in to " + redemption.environment() + " as "
                        + redemption.airflowIdentity() + " (" + redemption.airflowRole() + ")");
            }
            case EXPIRED -> body.put("message", "This login link has expired (links work for " + ttl.toSeconds()
                    + " seconds). Sign in again.");
            case REUSED -> body.put("message", "This login link was already used. Sign in again.");
            case UNKNOWN -> body.put("message", "This login link is not valid. Sign in again.");
            case WRONG_PAGE -> {
                status = 404;
                EmulatedEnvironment environment = environments.get(redemption.environment());
                body.put("message", "This login link is for " + environment.name() + ", which runs Airflow "
                        + environment.airflowVersion() + ": its sign-in page is " + environment.loginPath()
                        + ", and an Airflow " + environment.airflowMajorVersion() + " web server has no "
                        + site.pagePath() + ".");
            }
        }
        return HttpResponse.json(status, body).header("Cache-Control", "no-store");
    }
}

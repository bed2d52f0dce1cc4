package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.LocalProvider;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.HttpApiEvents;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A browser (and a script) signing in through one execution environment of the function configured for browser
 * sign-in. The browser's requests to the API become payload 2.0 events as the local API makes them
 * ({@link HttpApiEvents}) and go to the function through its Runtime API, as API Gateway's would through Lambda; its
 * visit to the provider is real HTTP to mock-oauth2-server's login page. Each function step is timed from the
 * Runtime API handing the event out to the answer coming back (Lambda's own duration), so neither the provider's
 * page nor a local HTTP front is counted.
 *
 * <p>Nothing it sees (codes, cookies, tokens, Location headers) is printed; a failure says what went wrong by status
 * and length only.
 */
final class SignInFlow {

    private static final String LOGIN_ROUTE = "ANY /login";
    private static final String CALLBACK_ROUTE = "ANY /oauth2/callback";
    private static final String FLOW_COOKIE = "__Host-mwaa-login-flow";
    private static final String SESSION_COOKIE = "__Host-mwaa-login-session";

    private final FunctionProcess function;
    private final LocalProvider provider;
    private final String airflowBaseUrl;
    private final String apiId = HttpApiEvents.newApiId();
    private final ProviderLoginPage providerPage = new ProviderLoginPage();

    /** @param airflowBaseUrl where a finished login must send the browser (the emulator's Airflow page) */
    SignInFlow(FunctionProcess function, LocalProvider provider, String airflowBaseUrl) {
        this.function = function;
        this.provider = provider;
        this.airflowBaseUrl = airflowBaseUrl;
    }

    /** One function step: how long the function took, and what it answered. */
    record Step(double millis, HttpApiEvents.Answer answer) {

        String location() {
            return answer.headers().getOrDefault("Location", answer.headers().getOrDefault("location", ""));
        }

        /** A cookie the answer set, as {@code name=value}; null when it set none by that name. */
        String cookie(String name) {
            for (String set : answer.cookies()) {
                String pair = set.split(";", 2)[0];
                if (pair.startsWith(name + "=") && pair.length() > name.length() + 1) {
                    return pair;
                }
            }
            return null;
        }
    }

    /** The start of a sign-in: where the provider's page is, and the flow cookie to bring back. */
    record Started(Step step, URI authorize, String flowCookie) {
    }

    /** {@code GET /login} from a browser without a session: must be a 302 to the provider with the flow cookie. */
    Started login() throws IOException {
        Step step = invoke(event("/login", null, Map.of("accept", List.of("text/html")), LOGIN_ROUTE));
        String flow = step.cookie(FLOW_COOKIE);
        if (step.answer().status() != 302 || !step.location().startsWith(provider.issuer() + "/authorize?")
                || flow == null) {
            throw new IOException("sign-in did not start: status " + step.answer().status());
        }
        return new Started(step, URI.create(step.location()), flow);
    }

    /** At the provider's login page: signs in as {@code person} in {@code group}; returns the callback URL. */
    URI approve(URI authorize, String person, String group) throws IOException {
        URI callback = providerPage.approve(authorize, person, group);
        if (!callback.toString().startsWith(Stage.PUBLIC_BASE_URL + "/oauth2/callback?")) {
            throw new IOException("the provider did not send the browser back to the callback");
        }
        return callback;
    }

    /** {@code GET /oauth2/callback?code&state} with the flow cookie: must be a 302 into Airflow with a session. */
    Step callback(URI callback, String flowCookie) throws IOException {
        Step step = invoke(event(callback.getRawPath(), callback.getRawQuery(), Map.of("accept",
                List.of("text/html"), "cookie", List.of(flowCookie)), CALLBACK_ROUTE));
        if (step.answer().status() != 302 || !step.location().startsWith(airflowBaseUrl)
                || step.cookie(SESSION_COOKIE) == null) {
            throw new IOException("the callback did not log in: status " + step.answer().status());
        }
        return step;
    }

    /** A script's {@code GET /login?format=json} with a bearer token the provider issued: must be a 200. */
    Step bearer(String token) throws IOException {
        Step step = invoke(event("/login", "format=json", Map.of("accept", List.of("application/json"),
                "authorization", List.of("Bearer " + token)), LOGIN_ROUTE));
        if (step.answer().status() != 200) {
            throw new IOException("the bearer-token login failed: status " + step.answer().status());
        }
        return step;
    }

    /** A token for {@code person} in {@code group}, as the provider's token endpoint issues it to this client. */
    static String token(LocalProvider provider, String person, String group) {
        return provider.server().issueToken(LocalProvider.ISSUER_ID, LocalProvider.CLIENT_ID,
                new DefaultOAuth2TokenCallback(LocalProvider.ISSUER_ID, person, "JWT",
                        List.of(LocalProvider.CLIENT_ID), Map.of("groups", List.of(group)), 3600)).serialize();
    }

    private String event(String rawPath, String rawQuery, Map<String, List<String>> headers, String route) {
        Map<String, List<String>> all = new LinkedHashMap<>(headers);
        all.put("host", List.of(URI.create(Stage.PUBLIC_BASE_URL).getAuthority()));
        return HttpApiEvents.event("GET", rawPath, rawQuery, all, null, route, null, "127.0.0.1", apiId);
    }

    private Step invoke(String event) throws IOException {
        RuntimeApi.Result result = function.invoke(event);
        return new Step(result.duration().toNanos() / 1e6, HttpApiEvents.answer(result.body()));
    }
}

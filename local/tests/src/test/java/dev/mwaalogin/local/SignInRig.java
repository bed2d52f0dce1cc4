package dev.mwaalogin.local;

import dev.mwaalogin.local.template.TemplateFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.emulator.QueryParameters;
import dev.mwaalogin.local.emulator.TokenLedger;
import dev.mwaalogin.oidc.CookieSeal;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One local API with browser sign-in on, as {@code local/run start-api} runs it (the built function in AWS's runtime
 * interface client, the emulator, the real mock-oauth2-server), and a plain HTTP client ({@code java.net.http}) that
 * plays the browser, or the attacker: it follows no redirect and keeps no cookie unless told.
 *
 * <p>Every secret the client sees (cookies, codes, tokens) is remembered, here and in the build's token ledger, so
 * that {@link #assertNothingSecretLogged()} and the build's secret scan look for each one in the logs.
 */
final class SignInRig implements AutoCloseable {

    static final Path ROOT = TemplateFixtures.ROOT;
    static final String FLOW_COOKIE = "__Host-mwaa-login-flow";
    static final String SESSION_COOKIE = "__Host-mwaa-login-session";

    final LocalSetup setup;
    final LocalApi api;
    final LocalProvider provider;
    final List<String> logs;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private SignInRig(LocalSetup setup, LocalApi api, List<String> logs) {
        this.setup = setup;
        this.api = api;
        this.provider = setup.signIn.provider();
        this.logs = logs;
        remember(setup.signIn.sessionKey());
    }

    /** @param deadlineMs the function's {@code MWAA_TIMEOUT_MS}, which also bounds every call to the provider */
    static SignInRig start(int deadlineMs) throws IOException {
        return start(deadlineMs, Map.of());
    }

    /** As {@link #start(int)}, with these variables set for the function (e.g. {@code IDENTITY_CLAIM}). */
    static SignInRig start(int deadlineMs, Map<String, String> variables) throws IOException {
        LocalSetup setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project", ROOT.toString(),
            "--function", "LoginFunction", "--auth", "oidc"}, Set.of()));
        List<String> logs = new CopyOnWriteArrayList<>();
        try {
            setup.environment.put("MWAA_TIMEOUT_MS", Integer.toString(deadlineMs));
            setup.environment.putAll(variables);
            SignInRig rig = new SignInRig(setup, LocalApi.start(setup, 0, 1, logs::add), logs);
            rig.warmUp();
            return rig;
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    /**
     * The function's own first calls to the provider (discovery, keys, a cold HTTP client) are not what these tests
     * measure, and on a busy machine they can outlast a short deadline: sign-in is started until it works (at most
     * five times), so the tests begin with a warm function. (The provider is warm already: it fetched its own
     * discovery document when it started.)
     */
    private void warmUp() throws IOException {
        for (int attempt = 1; ; attempt++) {
            Response response = browse("/login");
            if (response.status() == 302 || attempt == 5) {
                assertEquals(302, response.status(), "sign-in starts: " + response.body());
                String flow = response.cookies().get(FLOW_COOKIE);
                remember(flow.substring(flow.indexOf('=') + 1));
                assertEquals(200, get(response.location()).status(), "the provider's login page");
                return;
            }
        }
    }

    /** An answer, and how long it took. */
    record Response(int status, Map<String, List<String>> headers, String body, Duration took) {

        String location() {
            return headers.getOrDefault("location", List.of("")).get(0);
        }

        /** The cookies it set, by name: {@code name=value} as a browser would send them back. */
        Map<String, String> cookies() {
            Map<String, String> cookies = new LinkedHashMap<>();
            for (String set : headers.getOrDefault("set-cookie", List.of())) {
                String pair = set.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')), pair);
            }
            return cookies;
        }

        /** The function's error page, as {@link #assertErrorPage}, from a sign-in that did finish: its session set. */
        void assertSignedInButRefused(int expectedStatus, String code) {
            assertTrue(cookies().containsKey(SESSION_COOKIE) && !cookies().get(SESSION_COOKIE).endsWith("="),
                    "signed in: " + cookies().keySet());
            assertPage(expectedStatus, code);
        }

        /** The function's error page: HTML naming the status and code, and echoing none of {@code input}. */
        void assertErrorPage(int expectedStatus, String code, String... input) {
            assertPage(expectedStatus, code, input);
            assertFalse(cookies().containsKey(SESSION_COOKIE) && !cookies().get(SESSION_COOKIE).endsWith("="),
                    "a refusal sets no session");
        }

        private void assertPage(int expectedStatus, String code, String... input) {
            assertEquals(expectedStatus, status, body);
            assertTrue(headers.getOrDefault("content-type", List.of("")).get(0).startsWith("text/html"),
                    headers.toString());
            assertTrue(body.contains(expectedStatus + " " + code), body);
            for (String echoed : input) {
                assertFalse(body.contains(echoed), "the page echoes its input");
            }
        }
    }

    /** The start of a sign-in: the flow cookie the function set and where it sent the browser. */
    record Flow(String flowCookie, URI authorize) {

        String parameter(String name) {
            return query(authorize.getRawQuery()).get(name);
        }
    }

    Response get(String url, String... headerPairs) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(request.GET().build());
    }

    /** Any method to the API, with a body (or null) and header pairs, as a script sends it. */
    Response call(String method, String pathAndQuery, String body, String... headerPairs) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A browser's GET to the API: HTML wanted, these cookies ({@code name=value}) sent. */
    Response browse(String pathAndQuery, String... cookies) throws IOException {
        List<String> headers = new ArrayList<>(List.of("Accept", "text/html"));
        if (cookies.length > 0) {
            headers.addAll(List.of("Cookie", String.join("; ", cookies)));
        }
        return get(api.url() + pathAndQuery, headers.toArray(String[]::new));
    }

    /** {@code GET path} without a session: the 302 to the provider and the flow cookie. */
    Flow start(String path) throws IOException {
        Response response = browse(path);
        assertEquals(302, response.status(), response.body());
        assertTrue(response.location().startsWith(provider.issuer() + "/authorize?"), "to the provider");
        String flow = response.cookies().get(FLOW_COOKIE);
        remember(flow.substring(flow.indexOf('=') + 1));
        return new Flow(flow, URI.create(response.location()));
    }

    /** Signs in at the provider's page as {@code user} with these claims (JSON, or null); the callback URL. */
    String approve(URI authorize, String user, String claims) throws IOException {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (claims == null ? "" : "&claims=" + URLEncoder.encode(claims, StandardCharsets.UTF_8));
        Response response = send(HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(302, response.status(), response.body());
        String callback = response.location();
        assertTrue(callback.startsWith(api.url() + "/oauth2/callback?"), "back to the function");
        remember(query(URI.create(callback).getRawQuery()).get("code"));
        return callback;
    }

    /**
     * Who a login in Airflow came to: follows the 302 the function answered into the emulator's Airflow page and
     * redeems its token as that page's script would (the token rides in the URL's fragment, which only a browser's
     * script reads), returning the emulator's answer: {@code airflowIdentity}, {@code airflowRole}, ... The token is
     * remembered, and spent.
     */
    Map<String, String> redeem(Response landed) throws IOException {
        assertEquals(302, landed.status(), landed.body());
        URI location = URI.create(landed.location());
        String token = location.getRawFragment();
        assertTrue(token != null && location.toString().startsWith(setup.emulator.endpoint().toString()
                .replaceAll("/$", "")), "into the emulator's Airflow page");
        remember(token);
        String redeem = location.getPath().replace("aws-console-sso", "redeem");
        Response answer = send(HttpRequest.newBuilder(location.resolve(redeem)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(token)).build());
        assertEquals(200, answer.status(), answer.body());
        Map<String, String> fields = new LinkedHashMap<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).properties()
                .forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    /** A whole browser sign-in at {@code path}: the provider's page, the callback; the callback's answer. */
    Response signIn(String path, String user, String claims) throws IOException {
        Flow flow = start(path);
        String callback = approve(flow.authorize(), user, claims);
        Response landed = browse(callback.substring(api.url().length()), flow.flowCookie());
        landed.cookies().values().forEach(cookie -> remember(cookie.substring(cookie.indexOf('=') + 1)));
        return landed;
    }

    /** A cookie of this purpose ("session", "flow") opened with the sign-in's key, as the function opens it. */
    Map<String, String> open(String purpose, String sealed) {
        return seal(purpose).open(sealed).orElseThrow(() -> new AssertionError("the " + purpose + " cookie opens"));
    }

    /** Seals a cookie of this purpose with the sign-in's key, as the function seals it; the value is remembered. */
    String seal(String purpose, Map<String, String> payload, Instant expires) {
        String sealed = seal(purpose).seal(payload, expires);
        remember(sealed);
        return sealed;
    }

    private CookieSeal seal(String purpose) {
        return CookieSeal.create(purpose, List.of(setup.signIn.sessionKey().getBytes(StandardCharsets.UTF_8)));
    }

    /** What the emulator has done that a sign-in may cause: web login tokens minted, roles assumed. */
    long minted() {
        return setup.emulator.hits("demo") + setup.emulator.hits("analytics") + setup.emulator.hits(MwaaEmulator.STS);
    }

    /** A secret the client saw: looked for in every log line, here and by the build's secret scan. */
    void remember(String secret) {
        if (secret != null && secret.length() >= 16 && !secrets.contains(secret)) {
            secrets.add(secret);
            TokenLedger.configured().record(secret);
        }
    }

    /**
     * Waits (up to five seconds) for a log line, written from {@code from} on, that contains {@code fragment}: the
     * function writes its line before it answers, but its output reaches this JVM through a pipe of its own.
     */
    void awaitLogLine(int from, String fragment) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            if (logs.subList(from, logs.size()).stream().anyMatch(line -> line.contains(fragment))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < until);
        throw new AssertionError("no log line with " + fragment);
    }

    /**
     * For an {@code @AfterAll}: checks that nothing secret reached the logs, then {@code moreChecks}, and closes the
     * rig whatever they found; nothing for a rig that never started.
     */
    static void finish(SignInRig rig, Runnable moreChecks) {
        if (rig == null) {
            return;
        }
        try {
            rig.assertNothingSecretLogged();
            moreChecks.run();
        } finally {
            rig.close();
        }
    }

    void assertNothingSecretLogged() {
        assertFalse(logs.isEmpty(), "the function's log lines were captured");
        for (String line : logs) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret reached a log line: " + line.length() + " chars");
            }
        }
    }

    private Response send(HttpRequest request) throws IOException {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static Map<String, String> query(String rawQuery) {
        return QueryParameters.parse(rawQuery);
    }

    @Override
    public void close() {
        api.close();
    }
}

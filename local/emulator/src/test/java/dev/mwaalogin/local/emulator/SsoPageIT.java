package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/** The Airflow side over real HTTP: the SSO page, and redeeming tokens the real SDK obtained. */
class SsoPageIT {

    /** A clock the test moves by hand, so expiry needs no sleeping. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private MwaaEmulator emu;
    private MwaaClient mwaa;
    private PlainHttp http;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6").clock(clock).requestLog(null)
                .build().start();
        mwaa = MwaaClients.of(emu);
        http = new PlainHttp(emu);
    }

    @AfterEach
    void stop() {
        mwaa.close();
        emu.close();
    }

    private String token() {
        return token("demo");
    }

    private String token(String environment) {
        return mwaa.createWebLoginToken(r -> r.name(environment)).webToken();
    }

    private Map<String, Object> redeem(String token, int expectedStatus) throws Exception {
        return redeem(SsoEndpoints.REDEEM_PATH, token, expectedStatus);
    }

    private Map<String, Object> redeem(String path, String token, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send("POST", path, token);
        assertEquals(expectedStatus, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JsonMaps.parse(response.body());
    }

    @Test
    void pageIsSelfContainedAndHasTheStatusContract() throws Exception {
        HttpResponse<String> page = http.send("GET", "/aws_mwaa/aws-console-sso?login=true", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("id=\"status\" data-result=\"pending\""), html);
        assertTrue(html.contains("id=\"airflow-role\" hidden"), html);
        assertTrue(html.contains("<title>Airflow 2 - signing in"), html);
        assertTrue(html.contains("location.hash"));
        assertTrue(html.contains("history.replaceState"));
        assertTrue(html.contains("'" + SsoEndpoints.REDEEM_PATH + "'"));
        assertFalse(html.contains("innerHTML"), "text goes in with textContent only");
        assertFalse(html.matches("(?s).*(src|href)=\"?(https?:)?//.*"), "no external resources");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'; script-src 'sha256-"), csp);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void tokenRedeemsOnceThenIsReused() throws Exception {
        String token = token();
        Map<String, Object> ok = redeem(token, 200);
        assertEquals("ok", ok.get("result"));
        assertEquals("demo", ok.get("environment"));
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, ok.get("airflowIdentity"));
        assertEquals("Viewer", ok.get("airflowRole"));
        assertEquals("signed in to demo as " + EmulatorCredentials.DEFAULT_IAM_IDENTITY + " (Viewer)",
                ok.get("message"));

        assertEquals("reused", redeem(token, 401).get("result"));
    }

    @Test
    void airflow3TakesItsTokensUnderPluginsv2() throws Exception {
        HttpResponse<String> page = http.send("GET", "/pluginsv2/aws_mwaa/aws-console-sso?login=true", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("'/pluginsv2/aws_mwaa/redeem'"), page.body());
        assertTrue(page.body().contains("<title>Airflow 3 - signing in"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(!csp.equals(http.send("GET", SsoEndpoints.PAGE_PATH, null).headers()
                .firstValue("Content-Security-Policy").orElseThrow()), "each page's script has its own hash");

        Map<String, Object> ok = redeem("/pluginsv2/aws_mwaa/redeem", token("v3demo"), 200);
        assertEquals("signed in to v3demo as " + EmulatorCredentials.DEFAULT_IAM_IDENTITY + " (Viewer)",
                ok.get("message"));
    }

    @Test
    void aTokenOnTheOtherAirflowGenerationsPageIsNotFoundAndStaysUnspent() throws Exception {
        String v3 = token("v3demo");
        Map<String, Object> wrong = redeem(SsoEndpoints.REDEEM_PATH, v3, 404);
        assertEquals("wrong-page", wrong.get("result"));
        assertEquals("This login link is for v3demo, which runs Airflow 3.0.6: its sign-in page is "
                + "/pluginsv2/aws_mwaa/aws-console-sso, and an Airflow 3 web server has no /aws_mwaa/aws-console-sso.",
                wrong.get("message"));
        assertEquals("ok", redeem("/pluginsv2/aws_mwaa/redeem", v3, 200).get("result"));

        assertEquals("wrong-page", redeem("/pluginsv2/aws_mwaa/redeem", token("demo"), 404).get("result"));
    }

    @Test
    void tokenExpiresAfterSixtySeconds() throws Exception {
        String fresh = token();
        String stale = token();
        clock.advance(Duration.ofSeconds(60));
        assertEquals("ok", redeem(fresh, 200).get("result"), "still valid at exactly 60 s");
        clock.advance(Duration.ofSeconds(1));
        Map<String, Object> expired = redeem(stale, 401);
        assertEquals("expired", expired.get("result"));
        assertTrue(((String) expired.get("message")).contains("60 seconds"));
    }

    @Test
    void unknownAndEmptyTokensAreRefused() throws Exception {
        assertEquals("unknown", redeem("not-a-token", 401).get("result"));
        assertEquals("unknown", redeem("", 401).get("result"));
    }

    @Test
    void hostileTextComesBackEscaped() throws Exception {
        HttpResponse<String> response = http.send("POST", SsoEndpoints.REDEEM_PATH, "<script>alert(1)</script>");
        assertFalse(response.body().contains("<"), response.body());
    }

    @Test
    void tokenTtlIsConfigurable() throws Exception {
        try (MwaaEmulator shortLived = MwaaEmulator.builder().environment("demo").clock(clock)
                .tokenTtl(Duration.ofSeconds(5)).requestLog(null).build().start();
             MwaaClient client = MwaaClients.of(shortLived)) {
            String token = client.createWebLoginToken(r -> r.name("demo")).webToken();
            clock.advance(Duration.ofSeconds(6));
            HttpResponse<String> response = new PlainHttp(shortLived).send("POST", SsoEndpoints.REDEEM_PATH, token);
            assertEquals("expired", JsonMaps.parse(response.body()).get("result"));
        }
    }
}

package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.mwaalogin.local.SignInRig.Flow;
import dev.mwaalogin.local.SignInRig.Response;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.HttpApiEvents;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A provider that is slow or down, through the real pieces (see {@link SignInRig}): the function answers within its
 * deadline ({@code MWAA_TIMEOUT_MS}, which bounds every call to the provider) with a 504 or a 502 page, and mints
 * nothing. Slowness is mock-oauth2-server's own: its token callback, the hook that shapes each token it issues, holds
 * the next token request. The outage is the server shut down, so connections are refused; it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderOutageIT {

    private static final int DEADLINE_MS = 2000;
    /** What a request may take beyond the deadline: the local API, the runtime, writing the answer, a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String ADMINS = "{\"groups\":[\"airflow-admins\"]}";

    private static SignInRig rig;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(DEADLINE_MS);
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> { });
    }

    @Test
    @Order(1)
    void aProviderThatDoesNotAnswerTheTokenRequestIsA504WithinTheDeadline() throws Exception {
        Flow flow = rig.start("/login");
        String callback = rig.approve(flow.authorize(), "alice", ADMINS);
        HeldTokenCallback held = new HeldTokenCallback();
        rig.provider.server().enqueueCallback(held);
        long minted = rig.minted();
        Response response;
        try {
            response = rig.browse(path(callback), flow.flowCookie());
        } finally {
            held.release.countDown();
        }
        assertTrue(held.reached.await(0, TimeUnit.SECONDS), "the provider had the token request");
        response.assertErrorPage(504, "ProviderTimeout", code(callback));
        System.out.println("ProviderOutageIT: token request held, 504 after " + response.took().toMillis() + " ms");
        assertTrue(response.took().compareTo(Duration.ofMillis(DEADLINE_MS / 2)) > 0, "it waited for the provider");
        assertTrue(response.took().compareTo(Duration.ofMillis(DEADLINE_MS).plus(SLACK)) < 0, "within the deadline");
        assertEquals(minted, rig.minted());
        rig.awaitLogLine(0, "login status=504 code=ProviderTimeout/Token_");
    }

    @Test
    @Order(2)
    void aProviderThatIsDownIsA502AndAColdFunctionCannotStartASignIn() throws Exception {
        Flow flow = rig.start("/login");
        String callback = rig.approve(flow.authorize(), "alice", ADMINS);
        rig.provider.close();
        awaitRefused(rig.provider.port());
        long minted = rig.minted();

        int logged = rig.logs.size();
        Response response = rig.browse(path(callback), flow.flowCookie());
        response.assertErrorPage(502, "ProviderUnavailable", code(callback));
        rig.awaitLogLine(logged, "login status=502 code=ProviderUnavailable/Token_ConnectException ");
        System.out.println("ProviderOutageIT: provider down, 502 after " + response.took().toMillis() + " ms");
        assertTrue(response.took().compareTo(Duration.ofMillis(DEADLINE_MS).plus(SLACK)) < 0, "within the deadline");

        // A new execution environment has no discovery document yet: /login itself is the 502.
        try (FunctionProcess cold = rig.setup.startFunction(rig.logs::add)) {
            cold.awaitInit();
            String host = URI.create(rig.api.url()).getAuthority();
            String event = HttpApiEvents.event("GET", "/login", null, Map.of("Host", List.of(host), "Accept",
                    List.of("text/html")), null, "ANY /login", null, "127.0.0.1", HttpApiEvents.newApiId());
            HttpApiEvents.Answer answer = HttpApiEvents.answer(cold.invoke(event).body());
            assertEquals(502, answer.status());
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("502 ProviderUnavailable"));
            assertTrue(answer.cookies().isEmpty(), "no flow cookie for a sign-in that cannot start");
        }
        assertEquals(minted, rig.minted());
    }

    private static String path(String url) {
        return url.substring(rig.api.url().length());
    }

    private static String code(String callback) {
        return SignInRig.query(URI.create(callback).getRawQuery()).get("code");
    }

    /** Netty lets go of the port after its quiet period; until then the provider is not down yet. */
    private static void awaitRefused(int port) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                Thread.sleep(100);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the provider still accepts connections on " + port);
    }

    /**
     * mock-oauth2-server's hook for shaping the next token it issues (its {@code enqueueCallback}), here holding the
     * token request until released: the provider is there, and slow.
     */
    private static final class HeldTokenCallback implements OAuth2TokenCallback {
        private final OAuth2TokenCallback standard = new DefaultOAuth2TokenCallback(LocalProvider.ISSUER_ID);
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String issuerId() {
            return standard.issuerId();
        }

        @Override
        public String subject(TokenRequest request) {
            return standard.subject(request);
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return standard.typeHeader(request);
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return standard.audience(request);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            reached.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standard.addClaims(request);
        }

        @Override
        public long tokenExpiry() {
            return standard.tokenExpiry();
        }
    }
}

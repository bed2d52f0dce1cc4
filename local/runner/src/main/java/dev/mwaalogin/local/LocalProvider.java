package dev.mwaalogin.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The OpenID Connect provider a local run signs people in with: navikt's {@code mock-oauth2-server}, a real provider
 * (discovery, signing keys, the authorization code flow with PKCE, single-use codes, RP-initiated logout) whose login
 * page takes any user name and, optionally, claims as JSON. The name becomes the ID token's {@code sub}; the claims
 * (e.g. {@code {"groups":["airflow-admins"]}}) are added as typed. It puts no {@code email} in a token unless the
 * claims do.
 *
 * <p>It listens on 127.0.0.1 but is named {@code localhost} in its issuer: browsers keep cookies by host, not port,
 * so the function's cookies on {@code 127.0.0.1} never travel to the provider, as they would not to a real one. Its
 * Netty server logs nothing about requests (this project binds SLF4J to nothing), so no code, state or token from
 * the provider reaches a log. Every issuer path is served ({@code /default}, {@code /other}...), each with its own
 * signing key.
 */
public final class LocalProvider implements AutoCloseable {

    /** The issuer path the function is configured with. */
    public static final String ISSUER_ID = "default";
    /** The client id the function uses; the provider accepts any. */
    public static final String CLIENT_ID = "mwaa-login-local";
    /** The claim that names who signed in at the login page: the user name typed there. */
    public static final String PERSON_CLAIM = "sub";

    private final MockOAuth2Server server;
    private final int port;

    private LocalProvider(MockOAuth2Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the provider with its login page on: every sign-in asks for a user name, as a provider without a
     * remembered session would.
     *
     * @param port the port on 127.0.0.1; 0 picks a free one
     */
    public static LocalProvider start(int port) {
        OAuth2Config config = new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of(),
                new NettyWrapper());
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getLoopbackAddress(), port);
        LocalProvider provider = new LocalProvider(server, config.getHttpServer().port());
        try {
            provider.checkDiscovery();
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
        return provider;
    }

    /**
     * Fetches the discovery document and keys once, as the function will: a provider that cannot serve them (a
     * library clash on the class path answers 500) fails the start rather than the first sign-in, and the first
     * sign-in does not wait for the provider's code to warm up (over two seconds here).
     */
    private void checkDiscovery() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : new String[] {"/.well-known/openid-configuration", "/jwks"}) {
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(issuer() + path)).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException("the local OpenID provider did not answer " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (answer.statusCode() != 200 || path.contains("openid") && !issuer().equals(issuerIn(answer.body()))) {
                throw new IllegalStateException("the local OpenID provider answered " + path + " with "
                        + answer.statusCode() + ": " + answer.body().lines().limit(3).toList());
            }
        }
    }

    public int port() {
        return port;
    }

    private static String issuerIn(String discovery) {
        try {
            return new ObjectMapper().readTree(discovery).path("issuer").asText();
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The issuer the function is configured with, e.g. {@code http://localhost:8089/default}. */
    public String issuer() {
        return issuer(ISSUER_ID);
    }

    /** Another issuer on the same server, with a signing key of its own (e.g. for a token the function must refuse). */
    public String issuer(String issuerId) {
        return "http://localhost:" + port + "/" + issuerId;
    }

    /** The server itself, e.g. to issue tokens or to change the next token's claims. */
    public MockOAuth2Server server() {
        return server;
    }

    /**
     * Stops listening. Netty lets go of the port after a short quiet period (about two seconds), so a caller that
     * needs the provider gone must wait for connections to be refused.
     */
    @Override
    public void close() {
        server.shutdown();
    }
}

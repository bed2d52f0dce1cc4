package dev.mwaalogin.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID provider on 127.0.0.1 for tests: discovery, keys and a token endpoint, each of which a test can make
 * answer anything, slowly or not at all. Counts the requests to each path and keeps the token requests it got.
 */
final class FakeProvider implements AutoCloseable {

    static final String DISCOVERY = "/.well-known/openid-configuration";
    static final String JWKS = "/jwks";
    static final String TOKEN = "/token";

    /** A request as the server saw it. */
    record Received(String method, String contentType, String authorization, String body) {
    }

    final String issuer;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Received> tokenRequests = new CopyOnWriteArrayList<>();
    /** Slow handlers wait on this, so closing the provider frees their threads at once. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        answer(DISCOVERY, 200, discovery(issuer, null));
        answer(JWKS, 200, "{\"keys\":[]}");
        answer(TOKEN, 500, "{}");
    }

    static FakeProvider start() throws IOException {
        return new FakeProvider();
    }

    static String discovery(String issuer, String endSession) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + TOKEN + "\",\"jwks_uri\":\"" + issuer + JWKS + "\","
                + (endSession == null ? "" : "\"end_session_endpoint\":\"" + endSession + "\",")
                + "\"response_types_supported\":[\"code\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    /** Publishes the public halves of these keys. */
    FakeProvider keys(JWK... keys) {
        answer(JWKS, 200, new JWKSet(List.of(keys)).toString(true));
        return this;
    }

    FakeProvider answer(String path, int status, String body) {
        return handle(path, exchange -> respond(exchange, status, body));
    }

    FakeProvider handle(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** The path answers only once the provider is closed: a provider that never answers. */
    FakeProvider hang(String path) {
        return handle(path, exchange -> {
            awaitClose(30_000);
            respond(exchange, 200, "{}");
        });
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    List<Received> tokenRequests() {
        return tokenRequests;
    }

    OidcProvider.Builder provider() {
        return OidcProvider.builder(issuer);
    }

    void awaitClose(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals(TOKEN)) {
            tokenRequests.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
        }
        HttpHandler handler = routes.get(path);
        try {
            if (handler == null) {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            } else {
                handler.handle(exchange);
            }
        } catch (IOException e) {
            // The client gave up (a test of deadlines): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}

package dev.mwaalogin.local.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Serves the emulator with the JDK's HttpServer, on loopback only, behind a {@link ConnectionRelay} that owns the
 * emulator's port (so a reset fault can be a real RST). Each request becomes an {@link HttpRequest} as sent (raw path
 * and query, every header value) and each {@link Reply} an answer, a reset or a connection held open.
 *
 * <p>HttpServer writes the {@code Date} header itself, from the system clock: a clock given to the builder moves
 * signature checks, session expiry and token lifetimes, not {@code Date}.
 */
final class EmulatorServer implements AutoCloseable {

    private static final int MAX_BODY = 1024 * 1024;

    private final Function<HttpRequest, Reply> handler;
    private final RequestLog log;
    private final ShutdownSignal shutdown;
    private final ExecutorService threads;
    private HttpServer server;
    private ConnectionRelay relay;

    EmulatorServer(Function<HttpRequest, Reply> handler, RequestLog log, ShutdownSignal shutdown) {
        this.handler = handler;
        this.log = log;
        this.shutdown = shutdown;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mwaa-emulator-" + count.incrementAndGet());
            thread.setDaemon(true); // never keep a test JVM alive
            return thread;
        });
    }

    /** Binds 127.0.0.1:{@code port} (0 for any free port) and starts serving; returns the bound port. */
    int start(int port) throws IOException {
        // Without TCP_NODELAY HttpServer holds each answer's body back ~40 ms (Nagle against delayed ACKs); the
        // setting is read when the JVM's first HttpServer starts (see RuntimeApi).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
        try {
            relay = ConnectionRelay.start(port, server.getAddress(), threads);
        } catch (IOException e) {
            server.stop(0);
            throw e;
        }
        return relay.port();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            HttpRequest request = read(exchange);
            Reply reply = request.body().length > MAX_BODY
                    ? Dialect.MWAA.error(413, "RequestEntityTooLargeException", "The request body is larger than "
                            + MAX_BODY + " bytes.", request.id())
                    : handle(request);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            log.record(request, reply, millis);
            if (reply instanceof Reply.ResetConnection) {
                relay.reset(exchange.getRemoteAddress());
            } else if (reply instanceof Reply.HoldConnection hold) {
                shutdown.pause(hold.duration()); // then closing the exchange unanswered closes the connection
            } else {
                answer(exchange, request, (HttpResponse) reply);
            }
        }
    }

    /**
     * The request as sent, for SigV4. HttpServer reads the request line and headers as ISO-8859-1, one char per
     * byte: turned back into bytes and decoded as UTF-8 they are what the client signed. It respells header names
     * ({@code X-amz-date}), which SigV4 lowercases anyway, and keeps every value of a repeated header in order.
     */
    private static HttpRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        List<HttpRequest.Header> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.add(
                new HttpRequest.Header(name, asSent(value)))));
        return new HttpRequest(UUID.randomUUID().toString(), exchange.getRequestMethod(),
                asSent(Objects.requireNonNullElse(uri.getRawPath(), "")),
                asSent(Objects.requireNonNullElse(uri.getRawQuery(), "")), headers,
                exchange.getRequestBody().readNBytes(MAX_BODY + 1));
    }

    private static String asSent(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private Reply handle(HttpRequest request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            log.note("handler failed on " + request + ": " + e);
            return Dialect.MWAA.error(500, "InternalFailure", "The emulator failed: " + e.getClass().getSimpleName(),
                    request.id());
        }
    }

    private static void answer(HttpExchange exchange, HttpRequest request, HttpResponse response)
            throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        if (response.header("x-amzn-RequestId").isEmpty()) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", request.id());
        }
        byte[] body = response.body();
        // -1: no body; 0 would mean "chunked" to HttpServer.
        exchange.sendResponseHeaders(response.status(),
                body.length == 0 || request.method().equals("HEAD") ? -1 : body.length);
        if (body.length > 0 && !request.method().equals("HEAD")) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Stops serving, releases held connections, and closes every open connection. */
    @Override
    public void close() {
        shutdown.fire();
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

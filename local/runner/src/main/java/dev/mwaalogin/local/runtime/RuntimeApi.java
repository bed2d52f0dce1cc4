package dev.mwaalogin.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API (version 2018-06-01) on loopback: what Lambda offers the runtime inside an execution
 * environment. The real runtime interface client long-polls it for events and posts answers back, exactly as it
 * does in AWS, so the function is loaded, initialised and (de)serialised by Lambda's own code.
 */
public final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final String functionArn;

    private RuntimeApi(String functionArn) throws IOException {
        this.functionArn = functionArn;
        // Without TCP_NODELAY the JDK's server holds small answers back ~40 ms (Nagle against delayed ACKs);
        // read when its first server starts, so set it before.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::route);
        server.start();
    }

    /** Starts on an ephemeral loopback port. */
    public static RuntimeApi start(String functionArn) throws IOException {
        return new RuntimeApi(functionArn);
    }

    /** The {@code AWS_LAMBDA_RUNTIME_API} value for the runtime: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Completes with {@link System#nanoTime()} when the runtime first asks for work, i.e. when init is over, or
     * exceptionally when the runtime reports an init error.
     */
    public CompletableFuture<Long> initDone() {
        return firstPoll;
    }

    /** Queues one event; the future completes when the function answers or reports an error. */
    public Invocation invoke(String eventJson, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson,
                System.currentTimeMillis() + timeout.toMillis());
        pending.add(invocation);
        return invocation;
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                finish(exchange, path, false);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                finish(exchange, path, true);
            } else if (method.equals("POST") && path.equals("init/error")) {
                String body = read(exchange.getRequestBody());
                firstPoll.completeExceptionally(new FunctionFailure("init error: " + body));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(invocation.requestId, invocation);
        invocation.started = System.nanoTime();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + invocation.requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, invocation.event);
    }

    private void finish(HttpExchange exchange, String path, boolean error) throws IOException {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        String body = read(exchange.getRequestBody());
        Invocation invocation = inFlight.remove(requestId);
        reply(exchange, invocation == null ? 400 : 202, "{\"status\":\"OK\"}");
        if (invocation != null) {
            long took = System.nanoTime() - invocation.started;
            if (error) {
                invocation.result.completeExceptionally(new FunctionFailure("function error: " + body));
            } else {
                invocation.result.complete(new Result(body, Duration.ofNanos(took)));
            }
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One queued event and, eventually, its answer. */
    public static final class Invocation {
        final String requestId;
        final String event;
        final long deadlineEpochMs;
        final CompletableFuture<Result> result = new CompletableFuture<>();
        volatile long started;

        Invocation(String requestId, String event, long deadlineEpochMs) {
            this.requestId = requestId;
            this.event = event;
            this.deadlineEpochMs = deadlineEpochMs;
        }

        public String requestId() {
            return requestId;
        }

        public CompletableFuture<Result> result() {
            return result;
        }
    }

    /**
     * What the function answered.
     *
     * @param body     the serialised response, as the runtime posted it
     * @param duration from handing out the event to receiving the answer
     */
    public record Result(String body, Duration duration) {
        @Override
        public String toString() {
            return "Result[" + body.length() + " chars, " + duration.toMillis() + " ms]";
        }
    }

    /** The function reported an error to the Runtime API instead of answering. */
    public static final class FunctionFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FunctionFailure(String message) {
            super(message);
        }
    }
}

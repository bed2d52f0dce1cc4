package dev.mwaalogin.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.HttpApiEvents;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * {@code local start-api}: like {@code sam local start-api}, with no Docker and, by default, no AWS. Serves the
 * template's HTTP API routes on 127.0.0.1, turns each request into a payload 2.0 event (the browser's
 * {@code Cookie} header as its {@code cookies}, a {@code requestContext} as API Gateway fills it), runs it through
 * warm execution environments of the function ({@link FunctionProcess}) and turns the answer back into HTTP (its
 * {@code cookies} as {@code Set-Cookie} headers).
 *
 * <p>By default people sign in in a browser at a local OpenID provider and get the Airflow role their groups map to
 * ({@code --auth oidc}, see {@link LocalSignIn}); {@code --auth none} serves everyone with the function's own
 * identity, for curl.
 *
 * <pre>
 * local start-api [-p 3000] [-n events/env.json] [--containers 1] [--auth oidc|none] [--provider-port 0] [--real]
 * </pre>
 */
public final class LocalApi implements AutoCloseable {

    static final String USAGE = "usage: local start-api [-p 3000] [-n events/env.json] [--containers N] "
            + "[--auth oidc|none] [--provider-port N] [--real]";

    private final LocalSetup setup;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(64);
    private final BlockingQueue<FunctionProcess> idle = new LinkedBlockingQueue<>();
    private final Consumer<String> logs;
    private final String apiId = HttpApiEvents.newApiId();

    private LocalApi(LocalSetup setup, int port, int containers, Consumer<String> logs) throws IOException {
        this.setup = setup;
        this.logs = logs;
        System.setProperty("sun.net.httpserver.nodelay", "true"); // see RuntimeApi
        // Bound first: the function must know its own address (PUBLIC_BASE_URL) before its init.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        try {
            setup.signIn.publicBaseUrl(setup.environment, url());
            for (int i = 0; i < containers; i++) {
                FunctionProcess function = setup.startFunction(logs);
                idle.add(function);
                function.awaitInit();
            }
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            idle.forEach(FunctionProcess::close);
            throw e;
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts the API; {@code port} 0 picks a free one. */
    static LocalApi start(LocalSetup setup, int port, int containers, Consumer<String> logs) throws IOException {
        return new LocalApi(setup, port, containers, logs);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:3000}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static void main(String[] args) throws Exception {
        PrintStream err = System.err;
        LocalSetup.Options options = new LocalSetup.Options(args, Set.of("--real", "--help"));
        if (options.has("--help")) {
            err.println(USAGE);
            return;
        }
        LocalSetup setup;
        try {
            setup = LocalSetup.create(options.withDefault("--auth", options.has("--real") ? "none" : "oidc"));
        } catch (IllegalArgumentException wrongUse) {
            err.println(wrongUse.getMessage());
            err.println(USAGE);
            System.exit(2);
            return;
        }
        LocalApi api;
        try {
            api = start(setup, Integer.parseInt(options.get("--port", "3000")),
                    Integer.parseInt(options.get("--containers", "1")), err::println);
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }));
        err.println();
        err.println(setup.emulator == null ? "Using real MWAA in " + setup.environment.get("AWS_REGION")
                : "MWAA emulator at " + setup.emulator.endpoint() + " with environments "
                + setup.emulator.environments().keySet());
        for (Template.Route route : setup.function.routes()) {
            err.println("Mounted " + route.key());
        }
        setup.signIn.describe(setup.environment, api.url()).forEach(err::println);
        err.println("Open " + api.url() + "/login in a browser (Ctrl-C stops)");
        stopped.await();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            Map.Entry<Template.Route, Map<String, String>> match = match(exchange.getRequestMethod(), rawPath);
            if (match == null) {
                // What API Gateway answers for a request no route matches.
                send(exchange, 404, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String event = HttpApiEvents.routedEvent(exchange.getRequestMethod(), rawPath,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes(), match.getKey().key(), match.getValue(),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), apiId);
            HttpApiEvents.Answer answer;
            try {
                answer = HttpApiEvents.answer(invoke(event));
            } catch (IOException e) {
                logs.accept("local start-api: the function failed: " + e.getMessage());
                send(exchange, 500, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            answer.cookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
            send(exchange, answer.status(), answer.headers(), answer.body());
        }
    }

    /** Runs one event in an idle execution environment, replacing it if it died (a timeout, a crash). */
    private String invoke(String event) throws IOException {
        FunctionProcess function;
        try {
            function = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try {
            RuntimeApi.Result result = function.invoke(event);
            return result.body();
        } finally {
            if (function.isAlive()) {
                idle.add(function);
            } else {
                FunctionProcess fresh = setup.startFunction(logs);
                idle.add(fresh);
            }
        }
    }

    /**
     * The route for a request and its path parameters (raw), or null: exact paths first, like API Gateway; then
     * routes with parameters, where {@code {name}} is one segment and a last {@code {name+}} the rest of the path.
     */
    private Map.Entry<Template.Route, Map<String, String>> match(String method, String rawPath) {
        Map.Entry<Template.Route, Map<String, String>> best = null;
        for (Template.Route route : setup.function.routes()) {
            if (!route.method().equals("ANY") && !route.method().equals(method)) {
                continue;
            }
            if (route.path().equals(rawPath)) {
                return new AbstractMap.SimpleEntry<>(route, Map.of());
            }
            Map<String, String> parameters = parameters(route.path(), rawPath);
            // Of two routes with parameters, the longer literal prefix wins, as API Gateway picks the most specific.
            if (parameters != null && (best == null || route.path().indexOf('{') > best.getKey().path()
                    .indexOf('{'))) {
                best = new AbstractMap.SimpleEntry<>(route, parameters);
            }
        }
        return best;
    }

    /** The path parameters of {@code rawPath} under a route path such as {@code /api/{environment}/{proxy+}}. */
    static Map<String, String> parameters(String routePath, String rawPath) {
        String[] route = routePath.substring(1).split("/", -1);
        String[] path = rawPath.substring(Math.min(1, rawPath.length())).split("/", -1);
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < route.length; i++) {
            String part = route[i];
            boolean parameter = part.startsWith("{") && part.endsWith("}");
            if (parameter && part.endsWith("+}") && i == route.length - 1) {
                if (i >= path.length) {
                    return null;
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(path, i, path.length));
                if (rest.isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 2), rest);
                return parameters;
            }
            if (i >= path.length || path[i].isEmpty() || (!parameter && !part.equals(path[i]))) {
                return null;
            }
            if (parameter) {
                parameters.put(part.substring(1, part.length() - 1), path[i]);
            }
        }
        return parameters.isEmpty() || path.length != route.length ? null : parameters;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        idle.forEach(FunctionProcess::close);
        setup.close();
    }
}

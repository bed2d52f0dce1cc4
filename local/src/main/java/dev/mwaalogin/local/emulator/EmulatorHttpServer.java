package dev.mwaalogin.local.emulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on a plain {@link ServerSocket}, bound to loopback only. Hand-written rather than
 * {@code com.sun.net.httpserver} because the faults need the raw socket: a connection reset has to be a real TCP RST
 * (SO_LINGER 0, then close), and a hang has to keep the connection open while answering nothing.
 */
final class EmulatorHttpServer implements AutoCloseable {

    /** How long a kept-alive connection may sit idle between requests before the server closes it. */
    private static final int IDLE_TIMEOUT_MILLIS = 30_000;

    /** IMF-fixdate (RFC 9110); SDKs read the Date header to correct their clock skew, so it must parse. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Function<HttpRequest, Reply> handler;
    private final Clock clock;
    private final RequestLog log;
    private final ShutdownSignal shutdown;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private ServerSocket serverSocket;

    EmulatorHttpServer(Function<HttpRequest, Reply> handler, Clock clock, RequestLog log, ShutdownSignal shutdown) {
        this.handler = handler;
        this.clock = clock;
        this.log = log;
        this.shutdown = shutdown;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mwaa-emulator-" + count.incrementAndGet());
            thread.setDaemon(true); // never keep a test JVM alive
            return thread;
        });
    }

    /** Binds 127.0.0.1:{@code port} (0 for any free port) and starts accepting; returns the bound port. */
    int start(int port) throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        workers.execute(this::acceptLoop);
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!shutdown.fired()) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!shutdown.fired()) {
                    log.note("accept failed: " + e);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out);
            boolean keepGoing = true;
            while (keepGoing && !shutdown.fired()) {
                keepGoing = serveOne(socket, reader, out);
            }
        } catch (HttpRequestReader.MalformedRequestException e) {
            // answered in serveOne; the connection is closed by try-with-resources
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection timed out, the client went away, or the emulator is closing
        } catch (IOException e) {
            if (!shutdown.fired()) {
                log.note("connection failed: " + e);
            }
        } finally {
            connections.remove(socket);
        }
    }

    /** Serves one request; returns whether to read another from the same connection. */
    private boolean serveOne(Socket socket, HttpRequestReader reader, OutputStream out) throws IOException {
        HttpRequest request;
        try {
            request = reader.next();
        } catch (HttpRequestReader.MalformedRequestException e) {
            HttpResponse.json(400, MiniJson.object(java.util.Map.of("message", "Malformed HTTP request: "
                    + e.getMessage()))).writeTo(out, false);
            throw e;
        }
        if (request == null) {
            return false;
        }
        long started = System.nanoTime();
        Reply reply = handle(request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (reply instanceof Reply.ResetConnection) {
            log.record(request, reply, millis);
            socket.setSoLinger(true, 0); // close() now sends RST instead of FIN: the client sees "connection reset"
            socket.close();
            return false;
        }
        if (reply instanceof Reply.HoldConnection hold) {
            log.record(request, reply, millis);
            shutdown.pause(hold.duration()); // answer nothing; the connection closes (FIN) afterwards
            return false;
        }
        HttpResponse response = (HttpResponse) reply;
        response.defaultHeader("x-amzn-RequestId", request.id())
                .defaultHeader("Date", HTTP_DATE.format(clock.instant()));
        boolean keepAlive = request.keepAlive() && !shutdown.fired();
        response.writeTo(out, keepAlive);
        log.record(request, response, millis);
        return keepAlive;
    }

    private Reply handle(HttpRequest request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            log.note("handler failed on " + request + ": " + e);
            return ErrorResponses.of(500, "InternalFailure", "The emulator failed: " + e.getClass().getSimpleName());
        }
    }

    /** Stops accepting, releases held connections, and closes every open connection. */
    @Override
    public void close() {
        shutdown.fire();
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.mwaalogin.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one HTTP client every AWS call of a request shares, whose connections never outlive the request's deadline.
 *
 * <p>The SDK enforces its call timeout by closing the connection, which does not cut short a connect still in
 * progress; so each connection is opened with only the time that is left of the deadline of the call running on its
 * thread ({@link #within}).
 */
public final class UpstreamHttp {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** When the upstream work running on this thread must be over, in {@link System#nanoTime()} terms. */
    private static final ThreadLocal<Long> CALL_ENDS = new ThreadLocal<>();

    private UpstreamHttp() {
    }

    /**
     * The client, for calls that outside {@link #within} get {@code defaultTimeout}.
     *
     * <p>Built from a connection factory rather than the builder, which sets up its own TLS context at once: loading
     * the trust store then costs a cold start even when the endpoint is plain http (an emulator). HttpsURLConnection
     * sets up the JDK's default TLS context on the first https call instead.
     */
    public static SdkHttpClient client(Duration defaultTimeout) {
        // HttpURLConnection silently sends a failed POST a second time unless told not to; read once, when its HTTP
        // client class first loads, so it has to be set before the first call. Retries are the retry strategy's job:
        // one count of attempts, all inside the deadline.
        System.setProperty("sun.net.http.retryPost", "false");
        return UrlConnectionHttpClient.create(uri -> open(uri, defaultTimeout));
    }

    /** Runs upstream calls on this thread that must all be over at {@code endsAtNanos} ({@link System#nanoTime()}). */
    public static <T> T within(long endsAtNanos, Supplier<T> calls) {
        Long outer = CALL_ENDS.get();
        CALL_ENDS.set(endsAtNanos);
        try {
            return calls.get();
        } finally {
            if (outer == null) {
                CALL_ENDS.remove();
            } else {
                CALL_ENDS.set(outer);
            }
            // The SDK interrupts the calling thread to enforce its deadline; the next invocation must not inherit it.
            Thread.interrupted();
        }
    }

    /** A connection whose connect and read both give up when the call's deadline does, never later. */
    static HttpURLConnection open(URI uri, Duration defaultTimeout) {
        Long endsAt = CALL_ENDS.get();
        long left = endsAt == null ? defaultTimeout.toMillis()
                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(endsAt - System.nanoTime()));
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) Math.min(left, MAX_CONNECT_TIMEOUT.toMillis()));
            connection.setReadTimeout((int) Math.min(left, Integer.MAX_VALUE));
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

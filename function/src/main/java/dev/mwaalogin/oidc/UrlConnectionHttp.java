package dev.mwaalogin.oidc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@link OidcHttp} over {@link HttpURLConnection}: no extra dependency and little to load on a cold start.
 *
 * <p>The connect and read timeouts are what is left of the deadline when the call starts, and the deadline is checked
 * again after every chunk of body, so a provider that trickles bytes is cut off at its next chunk after the deadline.
 * (A DNS lookup cannot be bounded this way; it is the one wait the deadline does not cover.)
 */
final class UrlConnectionHttp implements OidcHttp {

    @Override
    public Answer get(URI uri, ProviderDeadline deadline) throws IOException {
        return send(uri, null, null, deadline);
    }

    @Override
    public Answer postForm(URI uri, String form, String authorization, ProviderDeadline deadline) throws IOException {
        return send(uri, form.getBytes(StandardCharsets.UTF_8), authorization, deadline);
    }

    private static Answer send(URI uri, byte[] form, String authorization, ProviderDeadline deadline) throws IOException {
        Urls.requireAllowedEndpoint(uri, "A provider URL");
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            int timeout = timeoutMillis(deadline);
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            // A redirect could lead to plain http or another host; providers do not redirect these calls.
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            if (form != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                // Streaming mode also stops HttpURLConnection from silently sending a failed POST again: a code is
                // good for one exchange, so a second send would only turn a network blip into invalid_grant.
                connection.setFixedLengthStreamingMode(form.length);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                if (authorization != null) {
                    connection.setRequestProperty("Authorization", authorization);
                }
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(form);
                }
            }
            int status = connection.getResponseCode();
            if (connection.getContentLengthLong() > MAX_BODY_BYTES) {
                throw new ProviderBadAnswer("TooLarge");
            }
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, body == null ? "" : read(body, deadline));
        } finally {
            // No kept-alive sockets: they would sit in a SnapStart snapshot or go stale while Lambda is frozen.
            connection.disconnect();
        }
    }

    private static int timeoutMillis(ProviderDeadline deadline) throws SocketTimeoutException {
        long left = deadline.remainingMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed before the call");
        }
        // Never 0, which HttpURLConnection reads as "wait forever".
        return (int) Math.max(1, Math.min(left, Integer.MAX_VALUE));
    }

    private static String read(InputStream in, ProviderDeadline deadline) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) != -1; ) {
                out.write(chunk, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new ProviderBadAnswer("TooLarge");
                }
                if (deadline.passed()) {
                    throw new SocketTimeoutException("deadline passed while reading the answer");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}

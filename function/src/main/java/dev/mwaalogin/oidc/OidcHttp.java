package dev.mwaalogin.oidc;

import java.io.IOException;
import java.net.URI;

/**
 * The two kinds of HTTP call made to the provider. An interface so that tests and SnapStart priming can answer from
 * memory; {@link #urlConnection()} is the real one.
 *
 * <p>An implementation returns the answer whatever its status, never follows redirects, and gives up when the
 * deadline passes. It need not read a body past {@link #MAX_BODY_BYTES}: callers reject a longer one as too large
 * either way. Every failure to get an answer is an {@link IOException}; an {@link java.io.InterruptedIOException}
 * (such as a {@link java.net.SocketTimeoutException}) means the deadline ended the wait.
 */
public interface OidcHttp {

    /** No discovery document, key set or token answer comes near this; a bigger body is not from a provider. */
    int MAX_BODY_BYTES = 1 << 20;

    /** A GET that accepts JSON. */
    Answer get(URI uri, ProviderDeadline deadline) throws IOException;

    /**
     * A POST of an {@code application/x-www-form-urlencoded} body.
     *
     * @param authorization the whole {@code Authorization} header value, or null for none
     */
    Answer postForm(URI uri, String form, String authorization, ProviderDeadline deadline) throws IOException;

    /** Status and body (decoded as UTF-8) of an answer. */
    record Answer(int status, String body) {
        public Answer {
            body = body == null ? "" : body;
        }

        @Override
        public String toString() {
            // A token endpoint's body holds tokens: never let an answer print itself into a log.
            return "Answer[status=" + status + ", " + body.length() + " chars]";
        }
    }

    /** Over {@link java.net.HttpURLConnection}; refuses plain http except to loopback hosts. */
    static OidcHttp urlConnection() {
        return new UrlConnectionHttp();
    }
}

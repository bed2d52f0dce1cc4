package dev.mwaalogin;

import java.util.Map;

/**
 * An answer ready to hand back to API Gateway, whichever payload version asked.
 *
 * <p>{@link #toString()} names the headers but never prints their values or the body: a {@code Location} and a JSON
 * body both carry a live login token.
 */
public record LoginResponse(int statusCode, Map<String, String> headers, String body) {

    public LoginResponse {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "LoginResponse[statusCode=" + statusCode + ", headers=" + headers.keySet() + ", body=" + body.length()
                + " chars]";
    }
}

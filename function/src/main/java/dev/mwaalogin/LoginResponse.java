package dev.mwaalogin;

import java.util.List;
import java.util.Map;

/**
 * An answer ready to hand back to API Gateway, whichever payload version asked.
 *
 * <p>{@link #toString()} names the headers but never prints their values, the cookies or the body: a
 * {@code Location}, a JSON body and a session cookie all carry secrets.
 *
 * @param cookies {@code Set-Cookie} values; never null
 */
public record LoginResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body) {

    public LoginResponse {
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
    }

    LoginResponse(int statusCode, Map<String, String> headers, String body) {
        this(statusCode, headers, List.of(), body);
    }

    @Override
    public String toString() {
        return "LoginResponse[statusCode=" + statusCode + ", headers=" + headers.keySet() + ", cookies="
                + cookies.size() + ", body=" + body.length() + " chars]";
    }
}

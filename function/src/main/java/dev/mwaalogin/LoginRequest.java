package dev.mwaalogin;

import java.util.Map;

/**
 * The parts of an API Gateway request that decide a login, whichever payload version carried them.
 *
 * @param method               the HTTP method, as sent
 * @param path                 the matched route ({@code /login/{environment}}) or, without one, the request path
 * @param environmentParameter the {@code environment} path parameter, if API Gateway extracted one
 * @param format               the {@code format} query parameter (repeated values joined by ','), or null
 * @param accept               the {@code Accept} header, or null
 */
public record LoginRequest(String method, String path, String environmentParameter, String format, String accept) {

    /** What an event with nothing in it amounts to. */
    static final LoginRequest EMPTY = new LoginRequest(null, null, null, null, null);

    /**
     * Looks a header up by name regardless of case: REST API events keep the client's spelling. Of several spellings
     * the first written wins, whichever it is (the event's maps keep document order).
     */
    static String header(Map<String, Object> headers, String name) {
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue() instanceof String) {
                return (String) header.getValue();
            }
        }
        return null;
    }
}

package dev.mwaalogin.local.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of an AWS query-protocol request (STS): {@code application/x-www-form-urlencoded} pairs from the
 * body of a POST, and from the query string, where clients may also put them.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Whether the request is a query-protocol call: a form body, or an {@code Action} in the query string. */
    static boolean isQueryCall(HttpRequest request) {
        return isForm(request) || ("&" + request.rawQuery()).contains("&Action=");
    }

    /** Every parameter, query string first, then the form body (a later repeat of a name wins). */
    static Map<String, String> of(HttpRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>(parse(request.rawQuery()));
        if (isForm(request)) {
            parameters.putAll(parse(new String(request.body(), StandardCharsets.UTF_8)));
        }
        return parameters;
    }

    /**
     * Form decoding, of a form body or a raw query string: {@code +} is a space and {@code %XX} a byte of UTF-8;
     * null is no parameters. Also what the local tests and the benchmark read forms and redirects with.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    public static Map<String, String> parse(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form == null ? new String[0] : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static boolean isForm(HttpRequest request) {
        return request.header("Content-Type").map(type -> type.toLowerCase(Locale.ROOT))
                .filter(type -> type.startsWith("application/x-www-form-urlencoded")).isPresent();
    }
}

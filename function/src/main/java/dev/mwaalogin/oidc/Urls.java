package dev.mwaalogin.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** URL rules and encoding shared by everything that talks to, or sends the browser to, the provider. */
final class Urls {

    /** Plain http is accepted for these hosts only: a provider on the developer's own machine. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {
    }

    /**
     * Whether a provider URL may be used: absolute https, or http to a loopback host; no user info, which would be
     * a password in a URL, and no fragment, which OAuth endpoints must not have.
     */
    static boolean isAllowedEndpoint(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(uri.getHost()
                .toLowerCase(Locale.ROOT));
    }

    static URI requireAllowedEndpoint(URI uri, String what) {
        if (!isAllowedEndpoint(uri)) {
            throw new IllegalArgumentException(what + " must be an https URL (http only for 127.0.0.1, localhost, "
                    + "[::1]) without user info or fragment");
        }
        return uri;
    }

    /** RFC 3986 percent-encoding: everything but the unreserved characters, as UTF-8 (a space becomes %20). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code name=value&...}, each part percent-encoded, in the map's order. */
    static String form(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        });
        return out.toString();
    }

    /** The endpoint with parameters added to whatever query it already has (some providers put one there). */
    static URI withQuery(URI endpoint, Map<String, String> parameters) {
        String base = endpoint.toString();
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + form(parameters));
    }
}

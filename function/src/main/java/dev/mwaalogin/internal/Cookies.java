package dev.mwaalogin.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the request's cookies and writes {@code Set-Cookie} values for this function's own cookies, which are
 * always {@code __Host-} cookies: {@code Secure}, {@code Path=/}, no {@code Domain}, so no other host or path can set
 * or read them; {@code HttpOnly}, so no script can; {@code SameSite=Lax}, so other sites cannot send them along
 * except on a top-level navigation (which the sign-in's redirect back from the provider is).
 */
public final class Cookies {

    /** Browsers keep cookies up to 4096 bytes; a longer one is not one of ours. */
    public static final int MAX_VALUE = 4000;

    private Cookies() {
    }

    /** The value of the first cookie with this name (payload 2.0 lists each as {@code name=value}). */
    public static Optional<String> value(List<String> cookies, String name) {
        for (String cookie : cookies) {
            if (cookie == null) {
                continue;
            }
            for (String pair : cookie.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(name + "=")) {
                    String value = trimmed.substring(name.length() + 1);
                    return value.length() <= MAX_VALUE ? Optional.of(value) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Sets a cookie for this long; the value must be cookie-safe (base64url is). */
    public static String set(String name, String value, Duration maxAge) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; Secure; HttpOnly; SameSite=Lax";
    }

    /** Removes a cookie. */
    public static String clear(String name) {
        return name + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax";
    }
}

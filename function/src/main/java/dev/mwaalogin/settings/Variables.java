package dev.mwaalogin.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads environment variables for the configuration: trimmed, blank meaning unset, and every refusal an
 * {@link IllegalArgumentException} whose message starts with the variable's name, which is what Lambda's init
 * error then shows.
 */
public final class Variables {

    private final Map<String, String> env;

    public Variables(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name, String hint) {
        return optional(name).orElseThrow(() -> invalid(name, "is required" + hint));
    }

    public boolean isTrue(String name) {
        return optional(name).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** An absolute URL with a host. */
    public static URI absoluteUri(String name, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw invalid(name, "must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(name, "is not a valid URL");
        }
    }

    /** Whether a URL's host is this machine: the only place plain http is accepted, for local development. */
    public static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    public static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(name + " " + problem);
    }
}

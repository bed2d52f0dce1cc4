package dev.mwaalogin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function's settings, read from environment variables once at init and validated there.
 *
 * <p>Every value is checked before the first request, so a misconfigured deployment fails its init with a message
 * that names the variable instead of failing each request in a different way. Instances are immutable.
 */
public final class Config {

    /** MWAA's own pattern for environment names (CreateWebLoginToken's {@code Name}). */
    public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");

    static final String DEFAULT_LOGIN_PATH = "/aws_mwaa/aws-console-sso";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);
    // API Gateway stops waiting after 30 s; the deadline must leave room for init and the answer.
    static final long MAX_TIMEOUT_MS = 25_000;
    static final long MIN_TIMEOUT_MS = 100;

    private static final Pattern LOGIN_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    // Two letters for most partitions, more for some (eusc-de-east-1).
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z0-9]+)+-[0-9]+");

    /** How to answer when the caller states no preference. */
    public enum ResponseMode { REDIRECT, JSON }

    private final String defaultEnvironment;
    private final Set<String> allowedEnvironments;
    private final ResponseMode defaultResponse;
    private final Optional<String> airflowBaseUrl;
    private final String loginPath;
    private final Duration mwaaTimeout;
    private final String region;
    private final Optional<URI> mwaaEndpoint;
    private final String airflowRole;

    private Config(Map<String, String> env) {
        defaultEnvironment = environmentName("MWAA_ENVIRONMENT_NAME", required(env, "MWAA_ENVIRONMENT_NAME"));
        allowedEnvironments = allowList(env.get("ALLOWED_ENVIRONMENTS"), defaultEnvironment);
        defaultResponse = responseMode(env.get("DEFAULT_RESPONSE"));
        airflowBaseUrl = optional(env, "AIRFLOW_BASE_URL").map(Config::baseUrl);
        loginPath = optional(env, "AIRFLOW_LOGIN_PATH").map(Config::loginPath).orElse(DEFAULT_LOGIN_PATH);
        mwaaTimeout = optional(env, "MWAA_TIMEOUT_MS").map(Config::timeout).orElse(DEFAULT_TIMEOUT);
        region = region(env);
        mwaaEndpoint = endpoint(env);
        airflowRole = optional(env, "AIRFLOW_ROLE").map(Config::role).orElse("{airflow-role}");
    }

    /** Reads the process environment. */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads the given variables.
     *
     * @throws IllegalArgumentException naming the first variable whose value is missing or not acceptable
     */
    public static Config from(Map<String, String> env) {
        return new Config(env);
    }

    /** The environment {@code GET /login} mints for. */
    public String defaultEnvironment() {
        return defaultEnvironment;
    }

    /** Every environment this endpoint may mint for, the default included. */
    public Set<String> allowedEnvironments() {
        return allowedEnvironments;
    }

    public ResponseMode defaultResponse() {
        return defaultResponse;
    }

    /** Replaces {@code https://{WebServerHostname}} in the login URL when present; never ends with '/'. */
    public Optional<String> airflowBaseUrl() {
        return airflowBaseUrl;
    }

    public String loginPath() {
        return loginPath;
    }

    /** The whole MWAA call, retries included, must finish within this. */
    public Duration mwaaTimeout() {
        return mwaaTimeout;
    }

    public String region() {
        return region;
    }

    /** An explicit MWAA endpoint ({@code AWS_ENDPOINT_URL_MWAA} or {@code AWS_ENDPOINT_URL}), if configured. */
    public Optional<URI> mwaaEndpoint() {
        return mwaaEndpoint;
    }

    /** The Airflow role the deployment grants; only used to name the missing permission in errors. */
    public String airflowRole() {
        return airflowRole;
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> invalid(name, "is required"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String environmentName(String variable, String value) {
        if (!ENVIRONMENT_NAME.matcher(value).matches()) {
            throw invalid(variable, "must be an MWAA environment name: a letter, then letters, digits, '-' or '_', "
                    + "1 to 80 characters");
        }
        return value;
    }

    private static Set<String> allowList(String value, String defaultEnvironment) {
        Set<String> names = new LinkedHashSet<>();
        names.add(defaultEnvironment);
        if (value != null) {
            for (String entry : value.split(",", -1)) {
                String name = entry.trim();
                if (name.equals("*")) {
                    throw invalid("ALLOWED_ENVIRONMENTS", "must list environment names; wildcards are not supported");
                }
                if (!name.isEmpty()) {
                    names.add(environmentName("ALLOWED_ENVIRONMENTS", name));
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static ResponseMode responseMode(String value) {
        if (value == null || value.isBlank()) {
            return ResponseMode.REDIRECT;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "redirect":
                return ResponseMode.REDIRECT;
            case "json":
                return ResponseMode.JSON;
            default:
                throw invalid("DEFAULT_RESPONSE", "must be 'redirect' or 'json'");
        }
    }

    private static String baseUrl(String value) {
        URI uri = absoluteUri("AIRFLOW_BASE_URL", value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid("AIRFLOW_BASE_URL", "must not carry user info, a query or a fragment");
        }
        // Plain http would expose the token on the wire; it is only accepted for a server on this machine.
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw invalid("AIRFLOW_BASE_URL", "must be an https URL (http only for localhost)");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String loginPath(String value) {
        if (!LOGIN_PATH.matcher(value).matches()) {
            throw invalid("AIRFLOW_LOGIN_PATH", "must be a URL path such as " + DEFAULT_LOGIN_PATH
                    + " (no query or fragment)");
        }
        return value;
    }

    private static Duration timeout(String value) {
        long millis;
        try {
            millis = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("MWAA_TIMEOUT_MS", "must be a whole number of milliseconds");
        }
        if (millis < MIN_TIMEOUT_MS || millis > MAX_TIMEOUT_MS) {
            throw invalid("MWAA_TIMEOUT_MS", "must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS);
        }
        return Duration.ofMillis(millis);
    }

    private static String region(Map<String, String> env) {
        String value = optional(env, "AWS_REGION").or(() -> optional(env, "AWS_DEFAULT_REGION"))
                .orElseThrow(() -> invalid("AWS_REGION", "is required (Lambda sets it; set it when running locally)"));
        if (!REGION.matcher(value).matches()) {
            throw invalid("AWS_REGION", "must be a region name such as us-east-1");
        }
        return value;
    }

    private static Optional<URI> endpoint(Map<String, String> env) {
        // The same switches the SDK honours, read here so the host prefix can be turned off exactly when they apply.
        if ("true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").trim())) {
            return Optional.empty();
        }
        for (String name : new String[] {"AWS_ENDPOINT_URL_MWAA", "AWS_ENDPOINT_URL"}) {
            Optional<String> value = optional(env, name);
            if (value.isPresent()) {
                URI uri = absoluteUri(name, value.get());
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw invalid(name, "must be an http or https URL");
                }
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    private static String role(String value) {
        if (!ROLE.matcher(value).matches()) {
            throw invalid("AIRFLOW_ROLE", "must be an Airflow role name such as Viewer");
        }
        return value;
    }

    private static URI absoluteUri(String variable, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw invalid(variable, "must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(variable, "is not a valid URL");
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static IllegalArgumentException invalid(String variable, String problem) {
        return new IllegalArgumentException(variable + " " + problem);
    }

    @Override
    public String toString() {
        return "Config[defaultEnvironment=" + defaultEnvironment + ", allowedEnvironments=" + allowedEnvironments
                + ", defaultResponse=" + defaultResponse + ", airflowBaseUrl=" + airflowBaseUrl.orElse("-")
                + ", loginPath=" + loginPath + ", mwaaTimeout=" + mwaaTimeout.toMillis() + "ms, region=" + region
                + ", mwaaEndpoint=" + mwaaEndpoint.map(URI::toString).orElse("-") + "]";
    }
}

package dev.mwaalogin;

import dev.mwaalogin.api.ApiPaths;
import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.aws.AwsEndpoints;
import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.identity.AuthMode;
import dev.mwaalogin.identity.IdentitySettings;
import dev.mwaalogin.signin.SignInSettings;
import static dev.mwaalogin.settings.Variables.invalid;

import dev.mwaalogin.settings.Variables;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function's settings, read from environment variables once at init and validated there: a misconfigured
 * deployment fails its init with a message that names the variable, instead of failing each request differently.
 *
 * @param defaultEnvironment  the environment {@code GET /login} mints for
 * @param allowedEnvironments every environment this endpoint may mint for, the default included
 * @param defaultResponse     how to answer when the caller states no preference
 * @param airflowBaseUrl      replaces {@code https://{WebServerHostname}} in the login URL; never ends with '/'
 * @param loginPath           the Airflow page that takes the token, for every environment ({@code AIRFLOW_LOGIN_PATH});
 *                            empty: each environment's own, by its Airflow version
 * @param airflowVersions     {@code AIRFLOW_VERSIONS}: the Airflow major version of named environments, so their page
 *                            is known without asking MWAA
 * @param upstreamTimeout     the whole upstream work of a request (STS and MWAA, retries included) ends within this
 * @param region              the function's AWS Region
 * @param endpoints           where the AWS calls go: explicit endpoints ({@code AWS_ENDPOINT_URL_MWAA}, ...), FIPS,
 *                            dual-stack
 * @param airflowRole         the Airflow role the shared identity is granted; only used to name a missing permission
 * @param identity            how callers become people with Airflow roles; {@link IdentitySettings#isShared()} when not
 * @param signIn              browser sign-in by the function itself (OpenID Connect); empty when an authorizer in API
 *                            Gateway vouches for callers instead
 * @param apiPaths            {@code API_PATHS}: the Airflow REST calls {@code /api} forwards
 */
public record Config(String defaultEnvironment, Set<String> allowedEnvironments, ResponseMode defaultResponse,
                     Optional<String> airflowBaseUrl, Optional<String> loginPath, Map<String, Integer> airflowVersions,
                     Duration upstreamTimeout, String region, AwsEndpoints endpoints, String airflowRole,
                     IdentitySettings identity, Optional<SignInSettings> signIn, ApiPaths apiPaths) {

    /** MWAA's own pattern for environment names (CreateWebLoginToken's {@code Name}). */
    public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");

    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);
    // API Gateway stops waiting after 30 s; the deadline must leave room for init and the answer.
    static final long MAX_TIMEOUT_MS = 25_000;
    static final long MIN_TIMEOUT_MS = Deadline.MIN_CALL.toMillis();

    private static final Pattern LOGIN_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    // Two letters for most partitions, more for some (eusc-de-east-1).
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z0-9]+)+-[0-9]+");

    /** How to answer when the caller states no preference. */
    public enum ResponseMode { REDIRECT, JSON }

    public Config {
        allowedEnvironments = Collections.unmodifiableSet(new LinkedHashSet<>(allowedEnvironments));
        airflowVersions = Map.copyOf(airflowVersions);
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
        Variables vars = new Variables(env);
        String defaultEnvironment = environmentName("MWAA_ENVIRONMENT_NAME", vars.required("MWAA_ENVIRONMENT_NAME", ""));
        Set<String> allowed = allowList(vars.optional("ALLOWED_ENVIRONMENTS").orElse(null), defaultEnvironment);
        IdentitySettings identity = IdentitySettings.from(vars);
        for (String named : identity.mapping().environments()) {
            if (!allowed.contains(named)) {
                throw invalid("ROLE_MAPPING", "has a rule for the environment " + named + ", which is neither "
                        + "MWAA_ENVIRONMENT_NAME nor in ALLOWED_ENVIRONMENTS");
            }
        }
        Optional<SignInSettings> signIn = SignInSettings.from(vars);
        if (identity.authMode().signsBrowsersIn() && signIn.isEmpty()) {
            throw invalid("AUTH_MODE", "is " + identity.authMode() + ", which signs browsers in: it needs "
                    + "SIGN_IN_SECRET");
        }
        if (signIn.isPresent() && (identity.authMode() == AuthMode.AWS_IAM || identity.authMode() == AuthMode.JWT)) {
            throw invalid("SIGN_IN_SECRET", "is for AUTH_MODE COGNITO or OIDC; with " + identity.authMode()
                    + " API Gateway's authorizer vouches for callers");
        }
        return new Config(
                defaultEnvironment,
                allowed,
                responseMode(vars.optional("DEFAULT_RESPONSE").orElse(null)),
                vars.optional("AIRFLOW_BASE_URL").map(Config::baseUrl),
                vars.optional("AIRFLOW_LOGIN_PATH").map(Config::loginPath),
                airflowVersions(vars.optional("AIRFLOW_VERSIONS").orElse(null), allowed),
                vars.optional("MWAA_TIMEOUT_MS").map(Config::timeout).orElse(DEFAULT_TIMEOUT),
                region(vars),
                AwsEndpoints.from(vars),
                vars.optional("AIRFLOW_ROLE").map(Config::role).orElse("{airflow-role}"),
                identity,
                signIn,
                ApiPaths.parse(vars.optional("API_PATHS").orElse(null)));
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
        return names;
    }

    private static ResponseMode responseMode(String value) {
        if (value == null) {
            return ResponseMode.REDIRECT;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "redirect" -> ResponseMode.REDIRECT;
            case "json" -> ResponseMode.JSON;
            default -> throw invalid("DEFAULT_RESPONSE", "must be 'redirect' or 'json'");
        };
    }

    private static String baseUrl(String value) {
        URI uri = Variables.absoluteUri("AIRFLOW_BASE_URL", value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid("AIRFLOW_BASE_URL", "must not carry user info, a query or a fragment");
        }
        // Plain http would expose the token on the wire; it is only accepted for a server on this machine.
        if (!"https".equals(uri.getScheme())
                && !("http".equals(uri.getScheme()) && Variables.isLoopback(uri.getHost()))) {
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
            throw invalid("AIRFLOW_LOGIN_PATH", "must be a URL path such as " + AirflowLoginPaths.AIRFLOW_2
                    + " (no query or fragment)");
        }
        return value;
    }

    /** {@code env=2;other=3}: the Airflow major version of environments that must not depend on GetEnvironment. */
    private static Map<String, Integer> airflowVersions(String value, Set<String> allowed) {
        Map<String, Integer> versions = new java.util.LinkedHashMap<>();
        if (value == null) {
            return versions;
        }
        for (String entry : value.split(";", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", -1);
            String name = parts[0].trim();
            String major = parts.length == 2 ? parts[1].trim() : "";
            if (parts.length != 2 || !(major.equals("2") || major.equals("3"))) {
                throw invalid("AIRFLOW_VERSIONS", "must be environment=2 or environment=3 pairs, e.g. old-env=2;new-env=3");
            }
            if (!allowed.contains(name)) {
                throw invalid("AIRFLOW_VERSIONS", "names an environment that is not allowed: add it to "
                        + "ALLOWED_ENVIRONMENTS or drop it here");
            }
            versions.put(name, Integer.parseInt(major));
        }
        return versions;
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

    private static String region(Variables vars) {
        String value = vars.optional("AWS_REGION").or(() -> vars.optional("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> invalid("AWS_REGION", "is required (Lambda sets it; set it when running locally)"));
        if (!REGION.matcher(value).matches()) {
            throw invalid("AWS_REGION", "must be a region name such as us-east-1");
        }
        return value;
    }

    private static String role(String value) {
        if (!ROLE.matcher(value).matches()) {
            throw invalid("AIRFLOW_ROLE", "must be an Airflow role name such as Viewer");
        }
        return value;
    }

    /** An explicit MWAA endpoint ({@code AWS_ENDPOINT_URL_MWAA} or {@code AWS_ENDPOINT_URL}): no host prefix then. */
    public Optional<URI> mwaaEndpoint() {
        return endpoints.mwaa();
    }

    @Override
    public String toString() {
        return "Config[defaultEnvironment=" + defaultEnvironment + ", allowedEnvironments=" + allowedEnvironments
                + ", defaultResponse=" + defaultResponse + ", airflowBaseUrl=" + airflowBaseUrl.orElse("-")
                + ", loginPath=" + loginPath.orElse("by version") + ", airflowVersions=" + airflowVersions
                + ", upstreamTimeout=" + upstreamTimeout.toMillis() + "ms, region="
                + region + ", " + endpoints + ", " + identity
                + ", signIn=" + signIn.map(SignInSettings::signInSecretId).orElse("-") + ", " + apiPaths + "]";
    }
}

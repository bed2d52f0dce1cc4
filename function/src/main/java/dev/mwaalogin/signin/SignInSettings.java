package dev.mwaalogin.signin;

import static dev.mwaalogin.settings.Variables.invalid;

import dev.mwaalogin.settings.Variables;
import dev.mwaalogin.oidc.EndSession;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sign-in done by the function itself with OpenID Connect (part of {@link dev.mwaalogin.Config}): on when
 * {@code SIGN_IN_SECRET} names the Secrets Manager secret that holds its session key, which is how the template's
 * {@code COGNITO} and {@code OIDC} modes configure it.
 *
 * <p>The provider's settings travel in that same secret (see {@link SignInSecrets}), so that changing them never
 * needs a new function version; each may also be given as a variable here, which wins (local runs do that). Values
 * from variables are checked at init, values from the secret when it is read, by the same rules.
 *
 * @param signInSecretId {@code SIGN_IN_SECRET}: the secret (name or ARN)
 * @param issuer         {@code OIDC_ISSUER}: the provider's issuer, exactly as its tokens name it
 * @param clientId       {@code OIDC_CLIENT_ID}
 * @param clientSecretId {@code OIDC_CLIENT_SECRET_ARN}: a secret holding the client secret; none: a public client
 * @param scopes         {@code OIDC_SCOPES}
 * @param cognitoDomain  {@code COGNITO_DOMAIN}: the user pool's managed-login host, for signing out of Cognito
 * @param sessionLength  {@code SESSION_HOURS}: how long a sign-in lasts in this browser
 * @param sessionRecheck {@code SESSION_RECHECK_MINUTES}: how often a browser's session is renewed with the provider
 *                       (without a prompt), so that a person it no longer signs in, or their changed groups, count
 * @param publicBaseUrl  {@code PUBLIC_BASE_URL}: where this API is reached (a custom domain, or local); none: the
 *                       API's own execute-api domain, as API Gateway reports it
 */
public record SignInSettings(String signInSecretId, Optional<String> issuer, Optional<String> clientId,
                             Optional<String> clientSecretId, Optional<String> scopes, Optional<String> cognitoDomain,
                             Optional<Duration> sessionLength, Optional<Duration> sessionRecheck,
                             Optional<String> publicBaseUrl) {

    static final String DEFAULT_SCOPES = "openid email profile";
    static final Duration DEFAULT_SESSION = Duration.ofHours(8);
    static final Duration DEFAULT_RECHECK = Duration.ofMinutes(15);
    static final int MAX_RECHECK_MINUTES = 24 * 60;

    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");
    private static final Pattern SCOPES = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    /** The settings, or empty when browser sign-in is off. */
    public static Optional<SignInSettings> from(Variables vars) {
        Optional<String> secret = vars.optional("SIGN_IN_SECRET");
        if (secret.isEmpty()) {
            for (String name : new String[] {"OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET_ARN"}) {
                if (vars.optional(name).isPresent()) {
                    throw invalid(name, "is set but SIGN_IN_SECRET is not: browser sign-in needs its session key");
                }
            }
            return Optional.empty();
        }
        return Optional.of(new SignInSettings(
                secretId("SIGN_IN_SECRET", secret.get()),
                vars.optional("OIDC_ISSUER").map(value -> url("OIDC_ISSUER", value)),
                vars.optional("OIDC_CLIENT_ID").map(value -> clientId("OIDC_CLIENT_ID", value)),
                vars.optional("OIDC_CLIENT_SECRET_ARN").map(value -> secretId("OIDC_CLIENT_SECRET_ARN", value)),
                vars.optional("OIDC_SCOPES").map(value -> scopes("OIDC_SCOPES", value)),
                vars.optional("COGNITO_DOMAIN").map(value -> cognitoDomain("COGNITO_DOMAIN", value)),
                vars.optional("SESSION_HOURS").map(value -> hours("SESSION_HOURS", value)),
                vars.optional("SESSION_RECHECK_MINUTES").map(value -> minutes("SESSION_RECHECK_MINUTES", value)),
                vars.optional("PUBLIC_BASE_URL").map(value -> baseUrl("PUBLIC_BASE_URL", value))));
    }

    /** An https URL with a host and no query or fragment (http only on this machine, for local development). */
    static String url(String name, String value) {
        URI uri = Variables.absoluteUri(name, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(name, "must not carry user info, a query or a fragment");
        }
        if (!"https".equals(uri.getScheme())
                && !("http".equals(uri.getScheme()) && Variables.isLoopback(uri.getHost()))) {
            throw invalid(name, "must be an https URL (http only for localhost)");
        }
        return value;
    }

    static String baseUrl(String name, String value) {
        String checked = url(name, value);
        return checked.endsWith("/") ? checked.substring(0, checked.length() - 1) : checked;
    }

    static String secretId(String name, String value) {
        return matching(name, value, SECRET_ID, "must be a Secrets Manager secret name or ARN");
    }

    static String clientId(String name, String value) {
        return matching(name, value, CLIENT_ID, "must be the client id the provider issued");
    }

    static String scopes(String name, String value) {
        String problem = "must be space-separated scopes including openid";
        if (!(" " + value + " ").contains(" openid ")) {
            throw invalid(name, problem);
        }
        return matching(name, value, SCOPES, problem);
    }

    static String cognitoDomain(String name, String value) {
        return matching(name, value, EndSession.HOSTNAME, "must be a host name, without https:// or a path");
    }

    private static String matching(String name, String value, Pattern pattern, String problem) {
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, problem);
        }
        return value;
    }

    static Duration minutes(String name, String value) {
        try {
            int minutes = Integer.parseInt(value.trim());
            if (minutes >= 1 && minutes <= MAX_RECHECK_MINUTES) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException notANumber) {
            // Refused below with the same message.
        }
        throw invalid(name, "must be a whole number of minutes from 1 to " + MAX_RECHECK_MINUTES);
    }

    static Duration hours(String name, String value) {
        try {
            int hours = Integer.parseInt(value.trim());
            if (hours >= 1 && hours <= 24) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException notANumber) {
            // Refused below with the same message.
        }
        throw invalid(name, "must be a whole number of hours from 1 to 24");
    }
}

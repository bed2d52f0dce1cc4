package dev.mwaalogin;

import static dev.mwaalogin.internal.Variables.invalid;

import dev.mwaalogin.internal.Variables;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sign-in done by the function itself with OpenID Connect (part of {@link Config}): on when
 * {@code OIDC_ISSUER} is set, which is how the template's {@code COGNITO} and {@code OIDC} modes configure it.
 *
 * @param issuer          {@code OIDC_ISSUER}: the provider's issuer, exactly as its tokens name it
 * @param clientId        {@code OIDC_CLIENT_ID}, or empty when the sign-in secret carries it ({@code clientId})
 * @param clientSecretId  {@code OIDC_CLIENT_SECRET_ARN}: a Secrets Manager secret holding the client secret, or
 *                        empty for a public client (PKCE only, as a Cognito app client without a secret)
 * @param signInSecretId  {@code SIGN_IN_SECRET}: the Secrets Manager secret (name or ARN) with the session key
 * @param scopes          {@code OIDC_SCOPES}; must include {@code openid}
 * @param cognitoDomain   {@code COGNITO_DOMAIN}: the user pool's managed-login host name (e.g.
 *                        {@code myprefix.auth.us-east-1.amazoncognito.com}), for logging out of Cognito
 * @param sessionLength   {@code SESSION_HOURS}: how long a sign-in lasts in this browser
 * @param publicBaseUrl   {@code PUBLIC_BASE_URL}: where this API is reached (a custom domain, or local); empty: the
 *                        API's own execute-api domain, as API Gateway reports it
 */
public record SignInSettings(String issuer, Optional<String> clientId, Optional<String> clientSecretId,
                             String signInSecretId, String scopes, Optional<String> cognitoDomain,
                             Duration sessionLength, Optional<String> publicBaseUrl) {

    static final String DEFAULT_SCOPES = "openid email profile";
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");
    private static final Pattern SCOPES = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    /** The settings, or empty when browser sign-in is off. */
    static Optional<SignInSettings> from(Variables vars) {
        Optional<String> issuer = vars.optional("OIDC_ISSUER");
        if (issuer.isEmpty()) {
            for (String name : new String[] {"OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET_ARN", "SIGN_IN_SECRET"}) {
                if (vars.optional(name).isPresent()) {
                    throw invalid(name, "is set but OIDC_ISSUER is not: browser sign-in needs its issuer");
                }
            }
            return Optional.empty();
        }
        url("OIDC_ISSUER", issuer.get());
        String scopes = vars.optional("OIDC_SCOPES").orElse(DEFAULT_SCOPES);
        if (!SCOPES.matcher(scopes).matches() || !(" " + scopes + " ").contains(" openid ")) {
            throw invalid("OIDC_SCOPES", "must be space-separated scopes including openid");
        }
        return Optional.of(new SignInSettings(
                issuer.get(),
                vars.optional("OIDC_CLIENT_ID").map(id -> {
                    if (!CLIENT_ID.matcher(id).matches()) {
                        throw invalid("OIDC_CLIENT_ID", "must be the client id the provider issued");
                    }
                    return id;
                }),
                vars.optional("OIDC_CLIENT_SECRET_ARN").map(id -> secretId("OIDC_CLIENT_SECRET_ARN", id)),
                secretId("SIGN_IN_SECRET", vars.required("SIGN_IN_SECRET",
                        " with OIDC_ISSUER: the Secrets Manager secret holding the session key")),
                scopes,
                vars.optional("COGNITO_DOMAIN").map(domain -> {
                    if (!HOSTNAME.matcher(domain).matches()) {
                        throw invalid("COGNITO_DOMAIN", "must be a host name, without https:// or a path");
                    }
                    return domain;
                }),
                vars.optional("SESSION_HOURS").map(SignInSettings::hours).orElse(Duration.ofHours(8)),
                vars.optional("PUBLIC_BASE_URL").map(url -> {
                    String checked = url("PUBLIC_BASE_URL", url);
                    return checked.endsWith("/") ? checked.substring(0, checked.length() - 1) : checked;
                })));
    }

    /** An https URL with a host and no query or fragment (http only on this machine, for local development). */
    private static String url(String variable, String value) {
        URI uri = Variables.absoluteUri(variable, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(variable, "must not carry user info, a query or a fragment");
        }
        if (!"https".equals(uri.getScheme())
                && !("http".equals(uri.getScheme()) && Variables.isLoopback(uri.getHost()))) {
            throw invalid(variable, "must be an https URL (http only for localhost)");
        }
        return value;
    }

    private static String secretId(String variable, String value) {
        if (!SECRET_ID.matcher(value).matches()) {
            throw invalid(variable, "must be a Secrets Manager secret name or ARN");
        }
        return value;
    }

    private static Duration hours(String value) {
        try {
            int hours = Integer.parseInt(value);
            if (hours >= 1 && hours <= 24) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException notANumber) {
            // Refused below with the same message.
        }
        throw invalid("SESSION_HOURS", "must be a whole number of hours from 1 to 24");
    }
}

package dev.mwaalogin.aws;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.request.Failure.UpstreamFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenRequest;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;

/**
 * The one place that talks to MWAA: mints a web login token and checks MWAA's answer before anyone builds a URL
 * from it. Every failure leaves as a {@link Failed} that says what kind of failure it was.
 */
public final class MwaaTokens {

    /** MWAA documents web login tokens as valid for 60 seconds. */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);

    /** The longest token put into a URL: MWAA's are far shorter. */
    static final int MAX_TOKEN_LENGTH = 16384;
    // The token goes into a URL fragment as-is: only characters a fragment may carry unescaped (RFC 3986).
    private static final boolean[] FRAGMENT_SAFE = asciiSet("._~!$&'()*+,;=:@/?%-");
    private static final boolean[] LABEL = asciiSet("-");

    /** Where MWAA's web servers live, in every partition: a hostname outside them is not MWAA's. */
    static final List<String> AIRFLOW_DOMAINS = List.of(".airflow.amazonaws.com", ".airflow.on.aws",
            ".airflow.amazonaws.com.cn");

    private final MwaaClient client;
    private final Clock clock;
    private final Duration clientTimeout;
    private final boolean hostnameBecomesTheRedirect;

    /**
     * @param hostnameBecomesTheRedirect whether MWAA's hostname is where callers are sent (no AIRFLOW_BASE_URL), in
     *                                   which case it must lie under one of {@link #AIRFLOW_DOMAINS}
     */
    public MwaaTokens(MwaaClient client, Clock clock, Duration clientTimeout, boolean hostnameBecomesTheRedirect) {
        this.client = client;
        this.clock = clock;
        this.clientTimeout = clientTimeout;
        this.hostnameBecomesTheRedirect = hostnameBecomesTheRedirect;
    }

    /**
     * Mints a login for an environment.
     *
     * @param environment a valid, allow-listed environment name
     * @param credentials the person's session credentials, or null to mint with the function's own identity
     * @param deadline    when the call, retries included, must be over
     * @throws Failed whatever went wrong, classified
     */
    public WebLogin mint(String environment, AwsCredentialsProvider credentials, Deadline deadline) {
        // Taken before the call: MWAA starts the token's 60 s no earlier, so the estimate never runs late.
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(TOKEN_LIFETIME);
        CreateWebLoginTokenResponse answer = deadline.call(Service.MWAA, clientTimeout, credentials,
                override -> client.createWebLoginToken(CreateWebLoginTokenRequest.builder().name(environment)
                        .overrideConfiguration(override).build()));
        String requestId = answer.responseMetadata().requestId();
        if (answer.webServerHostname() == null || answer.webServerHostname().length() > 255
                || !isHostname(answer.webServerHostname()) || !isFragmentSafe(answer.webToken())) {
            throw unusable("UnusableAnswer", requestId);
        }
        if (hostnameBecomesTheRedirect && !isAirflowDomain(answer.webServerHostname())) {
            // Defence in depth: whatever answered is not sending anyone anywhere but an MWAA web server.
            throw unusable("HostnameOutsideAirflowDomains", requestId);
        }
        return new WebLogin(environment, answer.webToken(), answer.webServerHostname(), answer.iamIdentity(),
                answer.airflowIdentity(), expiresAt, requestId);
    }

    private static Failed unusable(String why, String requestId) {
        return new Failed(new UpstreamFailed(Service.MWAA, Kind.BAD_ANSWER, why, requestId));
    }

    static boolean isAirflowDomain(String hostname) {
        String host = hostname.toLowerCase(Locale.ROOT);
        for (String domain : AIRFLOW_DOMAINS) {
            if (host.endsWith(domain) && host.length() > domain.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * MWAA's hostname shape (dot-separated labels of letters, digits and inner hyphens): anything else must not become
     * the host of a redirect. By hand rather than a regular expression, which cost a warm request 10 to 25 µs.
     */
    static boolean isHostname(String hostname) {
        int labelStart = 0;
        for (int i = 0; i <= hostname.length(); i++) {
            char c = i < hostname.length() ? hostname.charAt(i) : '.';
            if (c == '.') {
                if (i == labelStart || hostname.charAt(labelStart) == '-' || hostname.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!isIn(LABEL, c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the token can go into a URL fragment as it is. */
    static boolean isFragmentSafe(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!isIn(FRAGMENT_SAFE, token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIn(boolean[] set, char c) {
        return c < 128 && set[c];
    }

    /** ASCII letters and digits, plus {@code others}. */
    private static boolean[] asciiSet(String others) {
        boolean[] set = new boolean[128];
        for (char c = '0'; c <= '9'; c++) {
            set[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            set[c] = true;
            set[Character.toLowerCase(c)] = true;
        }
        others.chars().forEach(c -> set[c] = true);
        return set;
    }
}

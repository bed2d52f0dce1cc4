package dev.mwaalogin.signin;

import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.internal.JsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * What browser sign-in needs from Secrets Manager, read on first use and kept for {@link #KEEP} (never at init: a
 * SnapStart snapshot must hold none of it).
 *
 * <p>The sign-in secret is JSON: {@code sessionKey} (at least 32 characters; the template generates 64), optionally
 * {@code previousSessionKey} (cookies sealed with it still open: rotate by moving the old key there), and the
 * provider's settings - {@code issuer}, {@code clientId}, {@code clientSecretArn}, {@code scopes},
 * {@code cognitoDomain}, {@code sessionHours}, {@code sessionRecheckMinutes}, {@code publicBaseUrl} - each of which
 * a variable of {@link SignInSettings} overrides. The client secret's own secret is the secret itself, or JSON with
 * {@code clientSecret}.
 */
public final class SignInSecrets {

    /** Rotated secrets and changed settings reach a warm function within this. */
    static final Duration KEEP = Duration.ofMinutes(15);
    static final int MIN_KEY_CHARS = 32;

    /** Everything sign-in needs, checked. {@link #toString()} shows no secret. */
    record Values(List<byte[]> sessionKeys, String issuer, String clientId, Optional<String> clientSecret,
                  String scopes, Optional<String> cognitoDomain, Duration sessionLength, Duration sessionRecheck,
                  Optional<String> publicBaseUrl) {
        @Override
        public String toString() {
            return "Values[issuer=" + issuer + ", clientId=" + clientId + ", " + sessionKeys.size() + " session keys, "
                    + "clientSecret " + clientSecret.isPresent() + "]";
        }
    }

    private final SignInSettings settings;
    private final SecretsManagerClient client;
    private final Clock clock;
    private final Duration clientTimeout;
    private Values values;
    private Instant fetched;

    public SignInSecrets(SignInSettings settings, SecretsManagerClient client, Clock clock, Duration clientTimeout) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.clientTimeout = clientTimeout;
    }

    /**
     * The values, read when first needed or when older than {@link #KEEP}.
     *
     * @throws Failed when Secrets Manager cannot give them ({@link Service#SECRETS}), or a
     *                {@code SIGN_IN_UNAVAILABLE} refusal when the secrets do not hold what they must (a deployment
     *                error)
     */
    synchronized Values get(Deadline deadline) {
        if (values == null || clock.instant().isAfter(fetched.plus(KEEP))) {
            values = read(deadline);
            fetched = clock.instant();
        }
        return values;
    }

    private Values read(Deadline deadline) {
        Object secret = json(fetch(settings.signInSecretId(), deadline));
        try {
            List<byte[]> keys = new ArrayList<>();
            keys.add(key(JsonReader.text(secret, "sessionKey")));
            String previous = JsonReader.text(secret, "previousSessionKey");
            if (previous != null && !previous.isEmpty()) {
                keys.add(key(previous));
            }
            String issuer = settings.issuer().orElseGet(required(secret, "issuer",
                    value -> SignInSettings.url("issuer", value)));
            String clientId = settings.clientId().orElseGet(required(secret, "clientId",
                    value -> SignInSettings.clientId("clientId", value)));
            Optional<String> clientSecretId = settings.clientSecretId().or(() -> optional(secret, "clientSecretArn")
                    .map(value -> SignInSettings.secretId("clientSecretArn", value)));
            Optional<String> clientSecret = clientSecretId.map(id -> clientSecret(fetch(id, deadline)));
            return new Values(List.copyOf(keys), issuer, clientId, clientSecret,
                    settings.scopes().or(() -> optional(secret, "scopes").map(v -> SignInSettings.scopes("scopes", v)))
                            .orElse(SignInSettings.DEFAULT_SCOPES),
                    settings.cognitoDomain().or(() -> optional(secret, "cognitoDomain")
                            .map(v -> SignInSettings.cognitoDomain("cognitoDomain", v))),
                    settings.sessionLength().or(() -> optional(secret, "sessionHours")
                            .map(v -> SignInSettings.hours("sessionHours", v))).orElse(SignInSettings.DEFAULT_SESSION),
                    settings.sessionRecheck().or(() -> optional(secret, "sessionRecheckMinutes")
                            .map(v -> SignInSettings.minutes("sessionRecheckMinutes", v)))
                            .orElse(SignInSettings.DEFAULT_RECHECK),
                    settings.publicBaseUrl().or(() -> optional(secret, "publicBaseUrl")
                            .map(v -> SignInSettings.baseUrl("publicBaseUrl", v))));
        } catch (IllegalArgumentException invalid) {
            // The message names the field and the rule, never its value.
            throw Failed.refused(Reason.SIGN_IN_UNAVAILABLE, "Settings/" + invalid.getMessage().split(" ", 2)[0]);
        }
    }

    private String fetch(String secretId, Deadline deadline) {
        String text = deadline.call(Service.SECRETS, clientTimeout, null, override -> client.getSecretValue(
                GetSecretValueRequest.builder().secretId(secretId).overrideConfiguration(override).build()))
                .secretString();
        if (text == null || text.isEmpty()) {
            throw Failed.refused(Reason.SIGN_IN_UNAVAILABLE, "Settings/NoSecretString");
        }
        return text;
    }

    private static Object json(String text) {
        try {
            return JsonReader.parse(text);
        } catch (JsonReader.MalformedJson notJson) {
            throw Failed.refused(Reason.SIGN_IN_UNAVAILABLE, "Settings/NotJson");
        }
    }

    private static Optional<String> optional(Object secret, String name) {
        Object value = JsonReader.object(secret).get(name);
        if (value instanceof JsonReader.JsonNumber) {
            return Optional.of(((JsonReader.JsonNumber) value).text());
        }
        return value instanceof String && !((String) value).isBlank() ? Optional.of(((String) value).trim())
                : Optional.empty();
    }

    private static Supplier<String> required(Object secret, String name,
                                             java.util.function.UnaryOperator<String> check) {
        return () -> check.apply(optional(secret, name).orElseThrow(() -> new IllegalArgumentException(name
                + " is missing")));
    }

    private static String clientSecret(String text) {
        String value = text.trim().startsWith("{") ? JsonReader.text(json(text), "clientSecret") : text;
        if (value == null || value.isBlank()) {
            throw Failed.refused(Reason.SIGN_IN_UNAVAILABLE, "Settings/NoClientSecret");
        }
        return value.trim();
    }

    private static byte[] key(String value) {
        if (value == null || value.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("sessionKey must be at least " + MIN_KEY_CHARS + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.mwaalogin;

import dev.mwaalogin.UpstreamCallFailed.Service;
import dev.mwaalogin.internal.JsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * The secrets browser sign-in needs, read from Secrets Manager on first use and kept for {@link #KEEP} (never at
 * init: a SnapStart snapshot must hold none of them).
 *
 * <p>The sign-in secret is JSON: {@code sessionKey} (at least 32 characters; the template generates 64), optionally
 * {@code previousSessionKey} (cookies sealed with it still open: rotate by moving the old key there), and
 * optionally {@code clientId} (the template's Cognito mode keeps the app client's id there, which it cannot pass as
 * a variable without a dependency cycle). The client secret's secret is the secret itself, or JSON with
 * {@code clientSecret}.
 */
final class SignInSecrets {

    /** Rotated secrets reach a warm function within this. */
    static final Duration KEEP = Duration.ofMinutes(15);
    static final int MIN_KEY_CHARS = 32;

    /** What the secrets hold. {@link #toString()} shows none of it. */
    record Values(List<byte[]> sessionKeys, Optional<String> clientId, Optional<String> clientSecret) {
        @Override
        public String toString() {
            return "Values[" + sessionKeys.size() + " session keys, clientId " + clientId.isPresent()
                    + ", clientSecret " + clientSecret.isPresent() + "]";
        }
    }

    private final SignInSettings settings;
    private final SecretsManagerClient client;
    private final Clock clock;
    private final Duration clientTimeout;
    private Values values;
    private Instant fetched;

    SignInSecrets(SignInSettings settings, SecretsManagerClient client, Clock clock, Duration clientTimeout) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.clientTimeout = clientTimeout;
    }

    /**
     * The secrets, fetched when first needed or when older than {@link #KEEP}.
     *
     * @throws UpstreamCallFailed when Secrets Manager cannot give them (service {@link Service#SECRETS})
     * @throws IllegalStateException when a secret does not hold what it must (a deployment error)
     */
    synchronized Values get(Deadline deadline) {
        if (values == null || clock.instant().isAfter(fetched.plus(KEEP))) {
            Values read = read(deadline);
            values = read;
            fetched = clock.instant();
        }
        return values;
    }

    private Values read(Deadline deadline) {
        Object signIn = json(fetch(settings.signInSecretId(), deadline));
        List<byte[]> keys = new ArrayList<>();
        keys.add(key(JsonReader.text(signIn, "sessionKey"), "sessionKey"));
        String previous = JsonReader.text(signIn, "previousSessionKey");
        if (previous != null && !previous.isEmpty()) {
            keys.add(key(previous, "previousSessionKey"));
        }
        Optional<String> clientId = settings.clientId().or(() -> Optional.ofNullable(
                JsonReader.text(signIn, "clientId")).filter(id -> !id.isBlank()));
        if (clientId.isEmpty()) {
            throw new IllegalStateException("no client id: set OIDC_CLIENT_ID or clientId in SIGN_IN_SECRET");
        }
        Optional<String> clientSecret = settings.clientSecretId().map(id -> {
            String text = fetch(id, deadline);
            String inJson = text.trim().startsWith("{") ? JsonReader.text(json(text), "clientSecret") : text;
            if (inJson == null || inJson.isBlank()) {
                throw new IllegalStateException("the client secret's secret holds no clientSecret");
            }
            return inJson.trim();
        });
        return new Values(List.copyOf(keys), clientId, clientSecret);
    }

    private String fetch(String secretId, Deadline deadline) {
        Duration timeout = deadline.callTimeout(clientTimeout);
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(secretId);
        if (timeout != null) {
            request.overrideConfiguration(o -> o.apiCallTimeout(timeout));
        }
        String text;
        try {
            text = deadline.run(() -> client.getSecretValue(request.build())).secretString();
        } catch (RuntimeException e) {
            throw UpstreamCallFailed.classify(Service.SECRETS, e);
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalStateException("a sign-in secret has no SecretString");
        }
        return text;
    }

    private static Object json(String text) {
        try {
            return JsonReader.parse(text);
        } catch (JsonReader.MalformedJson notJson) {
            throw new IllegalStateException("SIGN_IN_SECRET must hold JSON such as {\"sessionKey\": \"...\"}");
        }
    }

    private static byte[] key(String value, String name) {
        if (value == null || value.length() < MIN_KEY_CHARS) {
            throw new IllegalStateException("SIGN_IN_SECRET's " + name + " must be at least " + MIN_KEY_CHARS
                    + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

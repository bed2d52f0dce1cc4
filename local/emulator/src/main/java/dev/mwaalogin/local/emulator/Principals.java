package dev.mwaalogin.local.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential the emulator accepts: the ones registered on the builder, and the sessions its STS issues. Issued
 * secrets and session tokens go to the {@link TokenLedger}, so the build's secret scan fails if one reaches a log.
 */
final class Principals {

    /** How long an expired session is remembered, so it is refused as expired rather than as unknown. */
    private static final Duration REMEMBERED_FOR = Duration.ofHours(1);

    private static final char[] KEY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final Map<String, Principal> registered;
    private final Map<String, Principal> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final TokenLedger ledger;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param registered access key id to credential; each may sign in everywhere as {@code grant} says
     * @param grant      the Airflow role registered credentials sign in with, in every environment
     */
    Principals(Map<String, EmulatorCredentials> registered, MwaaGrant grant, Clock clock, TokenLedger ledger) {
        Map<String, Principal> byKey = new LinkedHashMap<>();
        registered.forEach((keyId, credentials) -> byKey.put(keyId, Principal.registered(credentials, grant)));
        this.registered = Map.copyOf(byKey);
        this.clock = clock;
        this.ledger = ledger;
    }

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
    private volatile Instant swept = Instant.MIN;

    Optional<Principal> find(String accessKeyId) {
        Principal principal = registered.get(accessKeyId);
        return principal != null ? Optional.of(principal) : Optional.ofNullable(sessions.get(accessKeyId));
    }

    /**
     * Issues temporary credentials for a session of {@code role}, as AssumeRole does: a fresh {@code ASIA} key id,
     * secret and session token, valid for {@code duration}.
     */
    Principal issue(IamRole role, String sessionName, Duration duration) {
        Instant now = clock.instant();
        if (now.isAfter(swept.plus(SWEEP_EVERY))) {
            // Not per session: a sweep costs O(sessions), which a benchmark's thousands of sessions would feel.
            swept = now;
            sessions.values().removeIf(old -> old.expiration().plus(REMEMBERED_FOR).isBefore(now));
        }
        String keyId;
        do {
            keyId = "ASIA" + randomChars(KEY_ID_CHARS, 16);
        } while (registered.containsKey(keyId) || sessions.containsKey(keyId));
        EmulatorCredentials credentials = new EmulatorCredentials(keyId, randomChars(SECRET_CHARS, 40),
                sessionToken(), "assumed-role/" + role.name() + "/" + sessionName);
        ledger.record(credentials.secretAccessKey());
        ledger.record(credentials.sessionToken());
        Principal session = new Principal(credentials, role.grant(), now.plus(duration), role);
        sessions.put(keyId, session);
        return session;
    }

    /** 270 random bytes: 360 base64 characters with no padding, about as long as an STS session token. */
    private String sessionToken() {
        byte[] bytes = new byte[270];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String randomChars(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}

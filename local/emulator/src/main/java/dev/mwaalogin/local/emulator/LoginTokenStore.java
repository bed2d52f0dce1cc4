package dev.mwaalogin.local.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The web login tokens CreateWebLoginToken hands out, and their redemption by the sign-in page: each token works
 * once, within its time to live, on the sign-in page of its environment's Airflow version.
 */
final class LoginTokenStore {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** 160 random bytes: 214 URL- and fragment-safe characters, about as long as MWAA's own tokens. */
    private static final int TOKEN_BYTES = 160;

    /** How long a spent or expired token is remembered, so it is refused as such rather than as unknown. */
    private static final Duration REMEMBERED_FOR = Duration.ofHours(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    enum Result {
        OK, EXPIRED, REUSED, UNKNOWN,
        /** Issued for an environment whose Airflow version has its sign-in page elsewhere; not spent. */
        WRONG_PAGE;

        /** The word the redeem endpoint and the page's {@code data-result} use. */
        String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The outcome of a redemption. Environment, identity and role are set when the result is OK; the environment
     * also for WRONG_PAGE, so the page can say where the token belongs.
     */
    record Redemption(Result result, String environment, String airflowIdentity, String airflowRole) {
    }

    private record Issued(String environment, String airflowIdentity, String airflowRole, Instant issuedAt,
                          AtomicBoolean spent) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final TokenLedger ledger;
    /** When tokens past remembering were last dropped: a sweep per token would cost O(tokens) per token. */
    private volatile Instant swept = Instant.MIN;

    LoginTokenStore(Clock clock, Duration ttl) {
        this(clock, ttl, TokenLedger.NONE);
    }

    LoginTokenStore(Clock clock, Duration ttl, TokenLedger ledger) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token time to live must be positive: " + ttl);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.ledger = ledger;
    }

    String issue(String environment, String airflowIdentity, String airflowRole) {
        Instant now = clock.instant();
        if (now.isAfter(swept.plus(SWEEP_EVERY))) {
            swept = now;
            issued.values().removeIf(old -> old.issuedAt().plus(ttl).plus(REMEMBERED_FOR).isBefore(now));
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(environment, airflowIdentity, airflowRole, now, new AtomicBoolean()));
        ledger.record(token);
        return token;
    }

    /**
     * Spends the token if it is known, unspent, not expired and meant for this page; says why not otherwise.
     *
     * @param servedHere whether the page redeeming it serves the token's environment (its Airflow version)
     */
    Redemption redeem(String token, Predicate<String> servedHere) {
        Issued entry = issued.get(token);
        if (entry == null) {
            return refused(Result.UNKNOWN);
        }
        if (clock.instant().isAfter(entry.issuedAt().plus(ttl))) {
            return refused(entry.spent().get() ? Result.REUSED : Result.EXPIRED);
        }
        if (!servedHere.test(entry.environment())) {
            return new Redemption(Result.WRONG_PAGE, entry.environment(), null, null);
        }
        if (!entry.spent().compareAndSet(false, true)) {
            return refused(Result.REUSED);
        }
        return new Redemption(Result.OK, entry.environment(), entry.airflowIdentity(), entry.airflowRole());
    }

    private static Redemption refused(Result result) {
        return new Redemption(result, null, null, null);
    }
}

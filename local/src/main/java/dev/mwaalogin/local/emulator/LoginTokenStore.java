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

/**
 * The web login tokens CreateWebLoginToken hands out, and their redemption by the sign-in page: each token works
 * once, within its time to live.
 */
final class LoginTokenStore {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** 160 random bytes: 214 URL- and fragment-safe characters, about as long as MWAA's own tokens. */
    private static final int TOKEN_BYTES = 160;

    /** How long a spent or expired token is remembered, so it is refused as such rather than as unknown. */
    private static final Duration REMEMBERED_FOR = Duration.ofHours(1);

    enum Result {
        OK, EXPIRED, REUSED, UNKNOWN;

        /** The word the redeem endpoint and the page's {@code data-result} use. */
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome of a redemption; environment and identity are set only when the result is OK. */
    record Redemption(Result result, String environment, String airflowIdentity) {
    }

    private record Issued(String environment, String airflowIdentity, Instant issuedAt, AtomicBoolean spent) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final TokenLedger ledger;

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

    String issue(String environment, String airflowIdentity) {
        Instant now = clock.instant();
        issued.values().removeIf(old -> old.issuedAt().plus(ttl).plus(REMEMBERED_FOR).isBefore(now));
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(environment, airflowIdentity, now, new AtomicBoolean()));
        ledger.record(token);
        return token;
    }

    /** Spends the token if it is known, unspent and not expired; says why not otherwise. */
    Redemption redeem(String token) {
        Issued entry = issued.get(token);
        if (entry == null) {
            return new Redemption(Result.UNKNOWN, null, null);
        }
        if (clock.instant().isAfter(entry.issuedAt().plus(ttl))) {
            return new Redemption(entry.spent().get() ? Result.REUSED : Result.EXPIRED, null, null);
        }
        if (!entry.spent().compareAndSet(false, true)) {
            return new Redemption(Result.REUSED, null, null);
        }
        return new Redemption(Result.OK, entry.environment(), entry.airflowIdentity());
    }
}

package dev.mwaalogin.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The provider's signing keys, fetched on first use and kept for a while.
 *
 * <p>Every fetch after the first counts against one budget: at most one per {@code minInterval}, whatever asked for
 * it. A stream of tokens naming keys that do not exist therefore costs the provider one request per interval, not
 * one per token. When a refresh of an aged set fails, the aged set stays in use: the provider being down for a
 * while should not also stop tokens it already signed from being checked.
 */
final class KeySetCache {

    private final Function<ProviderDeadline, JWKSet> fetch;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration minInterval;

    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;

    KeySetCache(Function<ProviderDeadline, JWKSet> fetch, Clock clock, Duration maxAge, Duration minInterval) {
        this.fetch = fetch;
        this.clock = clock;
        this.maxAge = maxAge;
        this.minInterval = minInterval;
    }

    /** The keys to check a token with, fetched if there are none yet or they are older than the maximum age. */
    synchronized JWKSet current(ProviderDeadline deadline) {
        Instant now = clock.instant();
        if (keys == null) {
            return refresh(now, deadline);
        }
        if (now.isAfter(fetchedAt.plus(maxAge)) && mayRefresh(now)) {
            try {
                return refresh(now, deadline);
            } catch (ProviderUnreachable | ProviderBadAnswer e) {
                return keys;
            }
        }
        return keys;
    }

    /**
     * Fetches the keys again because a token named one that is not there (the provider may have rotated), or
     * returns empty when a fetch was made too recently for another.
     */
    synchronized Optional<JWKSet> refreshedForUnknownKey(ProviderDeadline deadline) {
        Instant now = clock.instant();
        return mayRefresh(now) ? Optional.of(refresh(now, deadline)) : Optional.empty();
    }

    private boolean mayRefresh(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(minInterval));
    }

    private JWKSet refresh(Instant now, ProviderDeadline deadline) {
        lastAttempt = now;
        JWKSet fresh = fetch.apply(deadline);
        keys = fresh;
        fetchedAt = now;
        return fresh;
    }
}

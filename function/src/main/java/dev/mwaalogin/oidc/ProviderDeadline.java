package dev.mwaalogin.oidc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The moment by which the calls to the provider made for one request must be over. One request can need several
 * calls (discovery, keys, the token endpoint), so they share an end point in time rather than each a duration.
 */
public final class ProviderDeadline {

    private final long endsAtNanos;

    private ProviderDeadline(long endsAtNanos) {
        this.endsAtNanos = endsAtNanos;
    }

    /** A deadline this long from now. */
    public static ProviderDeadline after(Duration duration) {
        return new ProviderDeadline(System.nanoTime() + duration.toNanos());
    }

    /** The time left; zero once the deadline has passed. */
    public Duration remaining() {
        long left = endsAtNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean passed() {
        return endsAtNanos - System.nanoTime() <= 0;
    }

    /** The time left in whole milliseconds, rounded up so that only a passed deadline gives 0. */
    long remainingMillis() {
        long left = endsAtNanos - System.nanoTime();
        return left <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(left + 999_999);
    }
}

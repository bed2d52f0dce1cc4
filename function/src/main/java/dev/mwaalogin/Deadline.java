package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import dev.mwaalogin.internal.UpstreamHttp;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * When a request's upstream work (STS, then MWAA, retries included) must be over: the configured timeout, or less
 * when Lambda's own timeout would strike first, always keeping time back to write the answer.
 */
final class Deadline {

    /** Kept back from Lambda's remaining time so an answer is still written after the upstream deadline. */
    static final Duration ANSWER_RESERVE = Duration.ofMillis(300);
    /** Below this a call cannot succeed; failing at once is the clearer answer. */
    static final Duration MIN_CALL = Duration.ofMillis(Config.MIN_TIMEOUT_MS);
    /** A client's own timeout is kept when the time left is this close to it: no per-call override object. */
    private static final long OVERRIDE_SLACK_NANOS = Duration.ofMillis(50).toNanos();

    private final long endsAtNanos;

    private Deadline(long endsAtNanos) {
        this.endsAtNanos = endsAtNanos;
    }

    /**
     * Starts the clock for one request.
     *
     * @throws UpstreamCallFailed a timeout, when Lambda leaves too little time to call anything
     */
    static Deadline start(Duration configured, Context context) {
        long remaining = context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
        Duration left = Duration.ofMillis(remaining == Long.MAX_VALUE ? Long.MAX_VALUE / 2 : remaining)
                .minus(ANSWER_RESERVE);
        Duration budget = left.compareTo(configured) < 0 ? left : configured;
        if (budget.compareTo(MIN_CALL) < 0) {
            throw new UpstreamCallFailed(UpstreamCallFailed.Service.MWAA, UpstreamCallFailed.Kind.TIMEOUT,
                    "NoTimeLeft", null);
        }
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** What is left; never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endsAtNanos - System.nanoTime()));
    }

    /**
     * The timeout a call should override its client's {@code clientTimeout} with, or null when the client's own
     * is close enough (the connections are bounded by the deadline anyway, see {@link UpstreamHttp}).
     */
    Duration callTimeout(Duration clientTimeout) {
        long left = endsAtNanos - System.nanoTime();
        return left + OVERRIDE_SLACK_NANOS >= clientTimeout.toNanos() ? null : Duration.ofNanos(Math.max(1, left));
    }

    /** Runs calls whose connections must give up by this deadline. */
    <T> T run(Supplier<T> calls) {
        return UpstreamHttp.within(endsAtNanos, calls);
    }
}

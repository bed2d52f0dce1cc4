package dev.mwaalogin.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

/**
 * The SDK's standard retry strategy (AWS defaults, {@link #MAX_ATTEMPTS} attempts, retry quota), with two changes
 * for a call that has a short, hard deadline (MWAA's and STS's alike):
 *
 * <ul>
 *   <li><b>Backoffs fit the deadline.</b> The standard strategy waits up to 1 s and then 2 s after a throttling
 *       error, 3 s in all: longer than a 2 s deadline, so a throttled call would end as a timeout with MWAA's
 *       answer lost. Here each base delay is at most a tenth of the deadline, so the two waits together take at most
 *       30 % of it and there is time for every attempt.</li>
 *   <li><b>An answer that cannot be read is not retried.</b> The SDK retries anything with an {@code IOException}
 *       in its causes, and a JSON parse failure is one. But such an answer was a 200: MWAA has minted a token, and
 *       asking again mints another live token nobody will receive. It is a bad answer, not a failed connection.</li>
 * </ul>
 *
 * Used as is by the client ({@link #useClientDefaults()} is false: the AWS defaults are already in the delegate).
 */
public final class UpstreamRetries implements RetryStrategy {

    /** One try and two retries, all inside the deadline: enough for a blip, not enough to pile onto an outage. */
    public static final int MAX_ATTEMPTS = 3;

    /** The standard strategy's base delays (SDK defaults), used unchanged when the deadline is long enough. */
    static final Duration BASE_DELAY = Duration.ofMillis(100);
    static final Duration THROTTLED_BASE_DELAY = Duration.ofSeconds(1);

    private final RetryStrategy delegate;

    private UpstreamRetries(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    /** The strategy for calls that must end within {@code deadline}. */
    public static UpstreamRetries forDeadline(Duration deadline) {
        Duration tenth = deadline.dividedBy(10);
        Duration base = min(BASE_DELAY, tenth);
        Duration throttled = min(THROTTLED_BASE_DELAY, tenth);
        return new UpstreamRetries(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                // Full jitter, as the SDK's own; capped at twice the base: the second retry's largest wait.
                .backoffStrategy(BackoffStrategy.exponentialDelay(base, base.multipliedBy(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttled, throttled.multipliedBy(2)))
                .build());
    }

    /** The longest the waits between attempts can add up to. */
    public static Duration worstCaseBackoff(Duration deadline) {
        Duration throttled = min(THROTTLED_BASE_DELAY, deadline.dividedBy(10));
        // Waits before attempts 2..n are base * 2^0 .. base * 2^(n-2), each capped at 2 * base.
        Duration total = Duration.ZERO;
        for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            total = total.plus(min(throttled.multipliedBy(1L << (attempt - 2)), throttled.multipliedBy(2)));
        }
        return total;
    }

    /** Whether a failure is an answer that arrived but could not be read (a truncated or malformed body). */
    public static boolean isUnreadableAnswer(Throwable failure) {
        if (!(failure instanceof SdkClientException)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (isUnreadableAnswer(request.failure())) {
            throw new TokenAcquisitionFailedException("the answer could not be read; not asking again",
                    request.token(), request.failure());
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return false;
    }

    /** The delegate's builder: rebuilding gives the plain standard strategy, without this class's two changes. */
    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

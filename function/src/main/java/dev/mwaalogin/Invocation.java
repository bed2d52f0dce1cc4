package dev.mwaalogin;

import dev.mwaalogin.aws.Deadline;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One invocation as the function sees it, made at the edge from Lambda's context (or without one): everything of
 * the context the request path needs, read once.
 *
 * @param requestId     Lambda's request id, which the error answers quote; {@code unknown} when there is none
 * @param partition     the function's partition, from its own ARN ({@code aws} when unknown)
 * @param account       the function's account, from its own ARN ({@code {account-id}} when unknown)
 * @param startedNanos  when the invocation began ({@link System#nanoTime()})
 * @param remainingMillis what Lambda said was left of it then; {@link Long#MAX_VALUE} for no limit
 * @param logger        where the request's log line goes; null for none
 */
public record Invocation(String requestId, String partition, String account, long startedNanos,
                         long remainingMillis, LambdaLogger logger) {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9+/=_-]{1,64}");
    private static final Pattern PARTITION = Pattern.compile("aws[a-z-]*");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /**
     * An invocation beginning now.
     *
     * @param awsRequestId Lambda's request id, or null
     * @param functionArn  the ARN the function was invoked by, or null
     */
    public static Invocation begin(String awsRequestId, String functionArn, long remainingMillis,
                                   LambdaLogger logger) {
        String[] parts = functionArn == null ? new String[0] : functionArn.split(":");
        boolean named = parts.length > 4 && PARTITION.matcher(parts[1]).matches()
                && ACCOUNT.matcher(parts[4]).matches();
        return new Invocation(awsRequestId != null && REQUEST_ID.matcher(awsRequestId).matches() ? awsRequestId
                : "unknown", named ? parts[1] : "aws", named ? parts[4] : "{account-id}", System.nanoTime(),
                remainingMillis, logger);
    }

    /** An invocation beginning now with no Lambda context: no time limit, no log line. */
    public static Invocation withoutContext() {
        return begin(null, null, Long.MAX_VALUE, null);
    }

    /** The request's deadline: {@code configured} from when the invocation began, or less if Lambda's ends first. */
    public Deadline deadline(Duration configured) {
        return Deadline.start(configured, startedNanos, remainingMillis);
    }
}

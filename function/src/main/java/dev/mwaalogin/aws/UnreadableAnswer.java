package dev.mwaalogin.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An answer MWAA sent that could not be read, with MWAA's request id: the SDK's exception for it carries neither the
 * answer nor the id, and without the id an operator cannot ask AWS about that request.
 */
final class UnreadableAnswer extends SdkClientException {

    private static final long serialVersionUID = 1L;

    private final String mwaaRequestId;

    // An SdkClientException like the one it replaces: the SDK lets an interceptor narrow an exception only.
    private UnreadableAnswer(String mwaaRequestId, Throwable cause) {
        super(SdkClientException.builder().message("MWAA's answer could not be read").cause(cause));
        this.mwaaRequestId = mwaaRequestId;
    }

    String requestId() {
        return mwaaRequestId;
    }

    /** Attaches MWAA's request id to a failure to read its answer. */
    static final class KeepRequestId implements ExecutionInterceptor {
        @Override
        public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable failure = context.exception();
            if (!UpstreamRetries.isUnreadableAnswer(failure)) {
                return failure;
            }
            return context.httpResponse().flatMap(response -> response.firstMatchingHeader("x-amzn-RequestId"))
                    .<Throwable>map(id -> new UnreadableAnswer(id, failure)).orElse(failure);
        }
    }
}

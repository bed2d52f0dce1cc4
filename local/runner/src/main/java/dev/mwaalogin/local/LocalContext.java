package dev.mwaalogin.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A Lambda context for calling a handler directly, outside any runtime: a fixed request id, a generous time budget,
 * and a logger that hands each line (prefixed with its level, when it has one) to a consumer.
 */
public final class LocalContext implements Context {

    private final String requestId;
    private final LambdaLogger logger;

    public LocalContext(String requestId, Consumer<String> lines) {
        this.requestId = requestId;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.accept(message);
            }

            @Override
            public void log(byte[] message) {
                lines.accept(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                lines.accept(level + " " + message);
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/mwaa-login-local";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "mwaa-login-local";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:mwaa-login-local:live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 15_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1769;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}

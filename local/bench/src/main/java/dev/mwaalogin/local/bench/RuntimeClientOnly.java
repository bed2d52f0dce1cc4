package dev.mwaalogin.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler that does nothing of the function's: it reads the event, writes one log line through the runtime's
 * logger and answers a fixed 200. Training a java25 AOT cache with it ({@link ManagedJava25}) exercises only the
 * runtime interface client's own start-up, event loop, logging and answer, which is what AWS's managed {@code java25}
 * runtime caches; none of the function's classes are loaded, so none can be in the cache.
 */
public final class RuntimeClientOnly implements RequestStreamHandler {

    /** The answer: an API Gateway proxy answer, so the runtime's round trip is the same shape as the function's. */
    static final String ANSWER = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
            + "\"body\":\"{}\"}";

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int size = input.readAllBytes().length;
        context.getLogger().log("event of " + size + " bytes");
        output.write(ANSWER.getBytes(StandardCharsets.UTF_8));
    }
}

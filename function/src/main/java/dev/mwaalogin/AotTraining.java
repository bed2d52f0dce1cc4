package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The handler of the container image's AOT-cache training run ({@code function/image/aot-train}), never of a
 * deployed function. Init is the production constructor's, so the cache holds what a cold start loads; every event
 * then goes through the same handler code over the canned in-memory MWAA answer that SnapStart priming uses: no
 * network, no credentials, no real token.
 */
public final class AotTraining implements RequestStreamHandler {

    private final HttpApiHandler handler;

    public AotTraining() {
        new HttpApiHandler();
        handler = new HttpApiHandler(LoginService.create(Config.fromEnvironment()).forPriming());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}

package dev.mwaalogin.local.bench;

import dev.mwaalogin.lambda.HttpApiHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Benchmark only, never deployed: the HTTP API entry as a typed handler, so that the Lambda runtime's own reflective
 * mapping reads the event and writes the answer instead of {@link HttpApiHandler}'s reader and writer. The
 * benchmark copies this class (and joda-time, which that mapping loads) into a task root of its own for the one row
 * that compares the two ways on the cold path.
 */
public final class TypedHttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpApiHandler handler = new HttpApiHandler();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handle(event, context);
    }
}

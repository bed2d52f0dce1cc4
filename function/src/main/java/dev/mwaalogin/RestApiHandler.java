package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.mwaalogin.internal.Priming;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Entry point for an API Gateway REST API with Lambda proxy integration (payload format 1.0). */
public final class RestApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final LoginService service;

    /** Used by Lambda: reads the configuration and builds the MWAA client once, during init. */
    public RestApiHandler() {
        this(Init.SERVICE);
    }

    RestApiHandler(LoginService service) {
        this.service = service;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        LoginResponse response = service.handle(() -> event == null ? LoginRequest.EMPTY : loginRequest(event),
                context);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.statusCode())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    private static LoginRequest loginRequest(APIGatewayProxyRequestEvent event) {
        String resource = event.getResource();
        return new LoginRequest(
                event.getHttpMethod(),
                // The resource is the matched route without the stage; a greedy proxy resource says nothing.
                resource != null && !resource.contains("{proxy+}") ? resource : event.getPath(),
                LoginRequest.get(event.getPathParameters(), "environment"),
                format(event),
                LoginRequest.header(event.getHeaders(), "accept"));
    }

    /** Payload 1.0 keeps only the last of repeated parameters; join them all, as payload 2.0 does. */
    private static String format(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        List<String> values = multi == null ? null : multi.get("format");
        if (values != null && !values.isEmpty()) {
            StringJoiner joined = new StringJoiner(",");
            values.forEach(value -> joined.add(value == null ? "" : value));
            return joined.toString();
        }
        return LoginRequest.get(event.getQueryStringParameters(), "format");
    }

    /** Built on first use, so tests can create handlers without the function's environment variables. */
    private static final class Init {
        static final LoginService SERVICE = LoginService.create(Config.fromEnvironment());
        static final Priming PRIMING = Priming.register(() -> {
            RestApiHandler primed = new RestApiHandler(SERVICE.forPriming());
            for (String format : new String[] {"json", "redirect"}) {
                primed.handleRequest(new APIGatewayProxyRequestEvent()
                        .withHttpMethod("GET").withResource("/login").withPath("/login")
                        .withQueryStringParameters(Map.of("format", format))
                        .withHeaders(Map.of("Accept", "*/*")), null);
            }
        });
    }
}

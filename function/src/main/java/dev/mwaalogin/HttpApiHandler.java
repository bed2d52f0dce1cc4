package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mwaalogin.internal.Priming;
import java.util.Map;

/** Entry point for an API Gateway HTTP API (payload format 2.0). */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final LoginService service;

    /** Used by Lambda: reads the configuration and builds the MWAA client once, during init. */
    public HttpApiHandler() {
        this(Init.SERVICE);
    }

    HttpApiHandler(LoginService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LoginResponse response = service.handle(() -> event == null ? LoginRequest.EMPTY : loginRequest(event),
                context);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.statusCode())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static LoginRequest loginRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext requestContext = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = requestContext == null ? null : requestContext.getHttp();
        return new LoginRequest(
                http == null ? null : http.getMethod(),
                path(event.getRouteKey(), event.getRawPath(), requestContext == null ? null : requestContext.getStage()),
                LoginRequest.get(event.getPathParameters(), "environment"),
                LoginRequest.get(event.getQueryStringParameters(), "format"),
                LoginRequest.header(event.getHeaders(), "accept"));
    }

    /** The matched route's path (e.g. {@code /login/{environment}}), else the raw path without its stage. */
    private static String path(String routeKey, String rawPath, String stage) {
        if (routeKey != null && !routeKey.equals("$default") && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        if (rawPath != null && stage != null && !stage.equals("$default") && rawPath.startsWith("/" + stage + "/")) {
            return rawPath.substring(stage.length() + 1);
        }
        return rawPath;
    }

    /** Built on first use, so tests can create handlers without the function's environment variables. */
    private static final class Init {
        static final LoginService SERVICE = LoginService.create(Config.fromEnvironment());
        static final Priming PRIMING = Priming.register(() -> {
            HttpApiHandler primed = new HttpApiHandler(SERVICE.forPriming());
            for (String format : new String[] {"json", "redirect"}) {
                APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                        .withRouteKey("ANY /login").withRawPath("/login")
                        .withQueryStringParameters(Map.of("format", format))
                        .withHeaders(Map.of("accept", "*/*"))
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                                .build())
                        .build();
                primed.handleRequest(event, null);
            }
        });
    }
}

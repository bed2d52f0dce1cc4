package dev.mwaalogin.lambda;

import dev.mwaalogin.LoginResponse;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.priming.Priming;
import dev.mwaalogin.request.LoginRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Entry point for an API Gateway HTTP API (payload format 2.0): how its event ({@link APIGatewayV2HTTPEvent}) and
 * its response ({@link APIGatewayV2HTTPResponse}) look. Everything else is the path every request takes
 * ({@link ProxyHandler}).
 */
public final class HttpApiHandler extends ProxyHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Used by Lambda: reads the configuration and builds the SDK clients once, during init. */
    public HttpApiHandler() {
        this(production(Priming.HTTP_API, HttpApiHandler::new));
    }

    /** Over a service built for a test, a benchmark or priming. */
    public HttpApiHandler(LoginService service) {
        super(service);
    }

    @Override
    protected APIGatewayV2HTTPEvent event(Object json) {
        return ProxyEvents.httpApiEvent(json);
    }

    @Override
    public LoginRequest request(APIGatewayV2HTTPEvent event) {
        RequestContext context = event.getRequestContext();
        RequestContext.Http http = context == null ? null : context.getHttp();
        Map<String, String> headers = event.getHeaders();
        Map<String, String> path = event.getPathParameters();
        return new LoginRequest(
                http == null ? null : http.getMethod(),
                path(event.getRouteKey(), event.getRawPath(), context == null ? null : context.getStage()),
                path == null ? null : path.get("environment"),
                event.getQueryStringParameters(),
                LoginRequest.header(headers, "accept"),
                LoginRequest.header(headers, "authorization"),
                event.getCookies(),
                authorizer(context == null ? null : context.getAuthorizer()),
                context == null ? LoginRequest.Gateway.NONE : new LoginRequest.Gateway(context.getRequestId(),
                        context.getDomainName(), context.getApiId()),
                path == null ? null : path.get("proxy"),
                new LoginRequest.Body(event.getBody(), event.getIsBase64Encoded()));
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

    /** The JWT authorizer's verified claims, or the IAM authorizer's verified principal. */
    private static LoginRequest.Authorizer authorizer(RequestContext.Authorizer authorizer) {
        if (authorizer == null) {
            return LoginRequest.Authorizer.NONE;
        }
        Map<String, String> claims = authorizer.getJwt() == null ? null : authorizer.getJwt().getClaims();
        String principal = authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
        return new LoginRequest.Authorizer(claims, principal);
    }

    @Override
    protected APIGatewayV2HTTPResponse response(LoginResponse answer) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.statusCode())
                .withHeaders(answer.headers())
                .withCookies(answer.cookies().isEmpty() ? null : answer.cookies())
                .withBody(answer.body())
                .withIsBase64Encoded(false)
                .build();
    }

    @Override
    protected void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        ProxyEvents.write(response, output);
    }
}

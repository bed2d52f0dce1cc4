package dev.mwaalogin.lambda;

import dev.mwaalogin.LoginResponse;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.priming.Priming;
import dev.mwaalogin.request.LoginRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Entry point for an API Gateway REST API with Lambda proxy integration (payload format 1.0): how its event
 * ({@link APIGatewayProxyRequestEvent}) and its response ({@link APIGatewayProxyResponseEvent}) look. Everything else
 * is the path every request takes ({@link ProxyHandler}).
 */
public final class RestApiHandler extends ProxyHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** Used by Lambda: reads the configuration and builds the SDK clients once, during init. */
    public RestApiHandler() {
        this(production(Priming.REST_API, RestApiHandler::new));
    }

    /** Over a service built for a test, a benchmark or priming. */
    public RestApiHandler(LoginService service) {
        super(service);
    }

    @Override
    protected APIGatewayProxyRequestEvent event(Object json) {
        return ProxyEvents.restApiEvent(json);
    }

    @Override
    public LoginRequest request(APIGatewayProxyRequestEvent event) {
        String resource = event.getResource();
        ProxyRequestContext context = event.getRequestContext();
        Map<String, String> path = event.getPathParameters();
        String accept = joined(event.getMultiValueHeaders(), "accept", true);
        String authorization = joined(event.getMultiValueHeaders(), "authorization", true);
        return new LoginRequest(
                event.getHttpMethod(),
                // The resource is the matched route without the stage; a greedy proxy resource says nothing.
                resource != null && !resource.contains("{proxy+}") ? resource : event.getPath(),
                path == null ? null : path.get("environment"),
                query(event),
                accept != null ? accept : LoginRequest.header(event.getHeaders(), "accept"),
                authorization != null ? authorization : LoginRequest.header(event.getHeaders(), "authorization"),
                List.of(),
                authorizer(context),
                context == null ? LoginRequest.Gateway.NONE : new LoginRequest.Gateway(context.getRequestId(),
                        context.getDomainName(), context.getApiId()),
                null, LoginRequest.Body.NONE);
    }

    /** Payload 1.0 keeps only the last of repeated parameters in its single-value map; the multi-value map has all. */
    private static Map<String, String> query(APIGatewayProxyRequestEvent event) {
        Map<String, String> query = new LinkedHashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> {
                if (name != null && value != null) {
                    query.put(name, value);
                }
            });
        }
        if (event.getMultiValueQueryStringParameters() != null) {
            for (String name : event.getMultiValueQueryStringParameters().keySet()) {
                String all = joined(event.getMultiValueQueryStringParameters(), name, false);
                if (name != null && all != null) {
                    query.put(name, all);
                }
            }
        }
        return query;
    }

    /** The IAM principal whose signature API Gateway verified, or a Cognito user pool authorizer's claims. */
    private static LoginRequest.Authorizer authorizer(ProxyRequestContext context) {
        if (context == null) {
            return LoginRequest.Authorizer.NONE;
        }
        Map<String, String> claims = new LinkedHashMap<>();
        Object vouched = context.getAuthorizer() == null ? null : context.getAuthorizer().get("claims");
        if (vouched instanceof Map) {
            ((Map<?, ?>) vouched).forEach((name, value) -> {
                if (name instanceof String && value instanceof String) {
                    claims.put((String) name, (String) value);
                }
            });
        }
        String principal = context.getIdentity() == null ? null : context.getIdentity().getUserArn();
        return new LoginRequest.Authorizer(claims, principal);
    }

    /** Every value of a name in a multi-value map joined with ',', as payload 2.0 joins them. Null when none. */
    private static String joined(Map<String, List<String>> multiValue, String name, boolean anyCase) {
        if (multiValue == null) {
            return null;
        }
        StringJoiner joined = null;
        for (Map.Entry<String, List<String>> entry : multiValue.entrySet()) {
            boolean named = entry.getKey() != null
                    && (anyCase ? name.equalsIgnoreCase(entry.getKey()) : name.equals(entry.getKey()));
            for (String value : named && entry.getValue() != null ? entry.getValue() : List.<String>of()) {
                joined = joined == null ? new StringJoiner(",") : joined;
                joined.add(value == null ? "" : value);
            }
        }
        return joined == null ? null : joined.toString();
    }

    @Override
    protected APIGatewayProxyResponseEvent response(LoginResponse response) {
        APIGatewayProxyResponseEvent answer = new APIGatewayProxyResponseEvent()
                .withStatusCode(response.statusCode())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
        if (!response.cookies().isEmpty()) {
            answer.setMultiValueHeaders(Map.of("Set-Cookie", response.cookies()));
        }
        return answer;
    }

    @Override
    protected void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        ProxyEvents.write(response, output);
    }
}

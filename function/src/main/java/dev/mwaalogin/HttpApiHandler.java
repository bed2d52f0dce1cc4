package dev.mwaalogin;

import static dev.mwaalogin.internal.JsonReader.object;
import static dev.mwaalogin.internal.JsonReader.text;

import dev.mwaalogin.internal.Priming;

/**
 * Entry point for an API Gateway HTTP API (payload format 2.0, the fields of {@code APIGatewayV2HTTPEvent}).
 *
 * <p>A stream handler: the event's few fields are read straight from its JSON, which keeps the Lambda runtime's
 * reflection-based event mapping (and its hundreds of classes) off the cold path.
 */
public final class HttpApiHandler extends ProxyHandler {

    /** Used by Lambda: reads the configuration and builds the MWAA client once, during init. */
    public HttpApiHandler() {
        this(initialized(() -> Init.SERVICE));
    }

    HttpApiHandler(LoginService service) {
        super(service, HttpApiHandler::loginRequest);
    }

    static LoginRequest loginRequest(Object event) {
        return new LoginRequest(
                text(event, "requestContext", "http", "method"),
                path(text(event, "routeKey"), text(event, "rawPath"), text(event, "requestContext", "stage")),
                text(event, "pathParameters", "environment"),
                text(event, "queryStringParameters", "format"),
                LoginRequest.header(object(event, "headers"), "accept"));
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

    /** The request SnapStart priming sends, {@code %s} standing for the format. */
    static final String PRIMING_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"ANY /login\",\"rawPath\":\"/login\","
            + "\"queryStringParameters\":{\"format\":\"%s\"},\"headers\":{\"accept\":\"*/*\"},"
            + "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"$default\"}}";

    /** Built on first use, so tests can create handlers without the function's environment variables. */
    private static final class Init {
        static final LoginService SERVICE = LoginService.create(Config.fromEnvironment());
        static final Priming PRIMING = Priming.register(() -> new HttpApiHandler(SERVICE.forPriming())
                .prime(PRIMING_EVENT));
    }
}

package dev.mwaalogin;

import static dev.mwaalogin.internal.JsonReader.array;
import static dev.mwaalogin.internal.JsonReader.object;
import static dev.mwaalogin.internal.JsonReader.text;

import dev.mwaalogin.internal.Priming;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Entry point for an API Gateway REST API with Lambda proxy integration (payload format 1.0, the fields of
 * {@code APIGatewayProxyRequestEvent}). A stream handler for the same reason as {@link HttpApiHandler}.
 */
public final class RestApiHandler extends ProxyHandler {

    /** Used by Lambda: reads the configuration and builds the MWAA client once, during init. */
    public RestApiHandler() {
        this(initialized(() -> Init.SERVICE));
    }

    RestApiHandler(LoginService service) {
        super(service, RestApiHandler::loginRequest);
    }

    static LoginRequest loginRequest(Object event) {
        String resource = text(event, "resource");
        String formats = joined(object(event, "multiValueQueryStringParameters"), "format", false);
        String accepts = joined(object(event, "multiValueHeaders"), "accept", true);
        return new LoginRequest(
                text(event, "httpMethod"),
                // The resource is the matched route without the stage; a greedy proxy resource says nothing.
                resource != null && !resource.contains("{proxy+}") ? resource : text(event, "path"),
                text(event, "pathParameters", "environment"),
                formats != null ? formats : text(event, "queryStringParameters", "format"),
                accepts != null ? accepts : LoginRequest.header(object(event, "headers"), "accept"));
    }

    /**
     * Payload 1.0 keeps only the last of repeated parameters and headers in its single-value maps; this joins every
     * value of a name from its multi-value map with ',', as payload 2.0 does. Null when the name has none.
     */
    private static String joined(Map<String, Object> multiValue, String name, boolean anyCase) {
        StringJoiner joined = null;
        for (Map.Entry<String, Object> entry : multiValue.entrySet()) {
            boolean named = anyCase ? name.equalsIgnoreCase(entry.getKey()) : name.equals(entry.getKey());
            List<Object> values = named ? array(entry.getValue()) : null;
            for (Object value : values == null ? List.of() : values) {
                joined = joined == null ? new StringJoiner(",") : joined;
                joined.add(value instanceof String ? (String) value : "");
            }
        }
        return joined == null ? null : joined.toString();
    }

    /** The request SnapStart priming sends, {@code %s} standing for the format. */
    static final String PRIMING_EVENT = "{\"resource\":\"/login\",\"path\":\"/login\",\"httpMethod\":\"GET\","
            + "\"queryStringParameters\":{\"format\":\"%s\"},\"headers\":{\"Accept\":\"*/*\"}}";

    /** Built on first use, so tests can create handlers without the function's environment variables. */
    private static final class Init {
        static final LoginService SERVICE = LoginService.create(Config.fromEnvironment());
        static final Priming PRIMING = Priming.register(() -> new RestApiHandler(SERVICE.forPriming())
                .prime(PRIMING_EVENT));
    }
}

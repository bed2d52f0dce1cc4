package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of an InvokeRestApi request body, checked against MWAA's model: {@code Path} (1 to 64 characters) and
 * {@code Method} (GET, PUT, POST, PATCH or DELETE) required; {@code QueryParameters} and {@code Body} JSON objects
 * when present. Constraint failures are worded as AWS words them, all of them in one ValidationException; a body
 * that is not a JSON object, or a member of the wrong JSON type, is a SerializationException.
 *
 * @param path   e.g. {@code /dags}
 * @param method e.g. {@code GET}
 * @param query  each query parameter's values as text, in order
 * @param body   the Airflow request body; an empty object when none was sent
 */
record InvokeRestApiInput(String path, String method, Map<String, List<String>> query, JsonNode body) {

    static final int PATH_MAX = 64;
    static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).reader();

    /** @throws ApiException SerializationException or ValidationException, as MWAA answers */
    static InvokeRestApiInput parse(HttpRequest request) throws ApiException {
        JsonNode input = object(request.body());
        List<String> violations = new ArrayList<>();
        String path = text(input, "Path");
        if (path == null) {
            violations.add("Value null at 'path' failed to satisfy constraint: Member must not be null");
        } else if (path.isEmpty()) {
            violations.add("Value '' at 'path' failed to satisfy constraint: Member must have length greater than "
                    + "or equal to 1");
        } else if (path.length() > PATH_MAX) {
            violations.add("Value '" + path + "' at 'path' failed to satisfy constraint: Member must have length "
                    + "less than or equal to " + PATH_MAX);
        }
        String method = text(input, "Method");
        if (method == null) {
            violations.add("Value null at 'method' failed to satisfy constraint: Member must not be null");
        } else if (!METHODS.contains(method)) {
            violations.add("Value '" + method + "' at 'method' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: [" + String.join(", ", METHODS) + "]");
        }
        Map<String, List<String>> query = queryParameters(input.get("QueryParameters"), violations);
        JsonNode body = input.get("Body");
        if (body != null && !body.isNull() && !body.isObject()) {
            violations.add("Value at 'body' failed to satisfy constraint: Member must be a JSON object");
        }
        if (!violations.isEmpty()) {
            throw new ApiException(400, "ValidationException", violations.size() + " validation error"
                    + (violations.size() == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
        }
        return new InvokeRestApiInput(path, method, query, body == null || body.isNull() ? null : body);
    }

    private static JsonNode object(byte[] body) throws ApiException {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // refused below, as any other non-object
        }
        throw new ApiException(400, "SerializationException", "The request body is not a JSON object.");
    }

    /** A string member's value, or null when absent or null. */
    private static String text(JsonNode input, String member) throws ApiException {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, "SerializationException", "Member " + member + " must be a string.");
        }
        return value.textValue();
    }

    /**
     * The query string MWAA builds for Airflow: each member a parameter, an array a repeated parameter, numbers and
     * booleans as their JSON text, null left out.
     */
    private static Map<String, List<String>> queryParameters(JsonNode parameters, List<String> violations) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (parameters == null || parameters.isNull()) {
            return query;
        }
        if (!parameters.isObject()) {
            violations.add("Value at 'queryParameters' failed to satisfy constraint: Member must be a JSON object");
            return query;
        }
        parameters.properties().forEach(entry -> {
            List<String> values = new ArrayList<>();
            JsonNode value = entry.getValue();
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (item.isValueNode() && !item.isNull()) {
                    values.add(item.asText());
                } else if (!item.isNull()) {
                    violations.add("Value at 'queryParameters." + entry.getKey() + "' failed to satisfy constraint: "
                            + "Member must be a string, number, boolean or an array of them");
                    return;
                }
            }
            if (!values.isEmpty()) {
                query.put(entry.getKey(), List.copyOf(values));
            }
        });
        return query;
    }
}

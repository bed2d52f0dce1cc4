package dev.mwaalogin.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates between HTTP and API Gateway HTTP API payload format 2.0, as the real service does: lower-case
 * header names with repeated values joined by commas, decoded query and path parameters (repeated parameters
 * joined by commas), cookies apart, a binary-safe body in base64, and the same {@code requestContext} fields.
 */
public final class HttpApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String API_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private HttpApiEvents() {
    }

    /**
     * A new API id as API Gateway makes them: ten lower-case letters and digits (an API's default domain is
     * {@code <apiId>.execute-api.<region>.amazonaws.com}).
     */
    public static String newApiId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(API_ID_CHARS.charAt(RANDOM.nextInt(API_ID_CHARS.length())));
        }
        return id.toString();
    }

    /**
     * Builds the event for one request.
     *
     * @param route         the matched route, e.g. {@code ANY /login/{environment}}
     * @param pathParameter the matched path parameter's name and raw (still encoded) value, or null
     * @param apiId         the API's id ({@link #newApiId()}), the same for every request to one API
     */
    public static String event(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                               byte[] body, String route, Map.Entry<String, String> pathParameter,
                               String sourceIp, String apiId) {
        return routedEvent(method, rawPath, rawQuery, headers, body, route, pathParameter == null ? Map.of()
                : Map.of(pathParameter.getKey(), pathParameter.getValue()), sourceIp, apiId);
    }

    /**
     * As {@link #event(String, String, String, Map, byte[], String, Map.Entry, String, String)}, with every path
     * parameter the route matched (e.g. {@code environment} and a greedy {@code proxy}), raw values; none: empty.
     */
    public static String routedEvent(String method, String rawPath, String rawQuery,
                                     Map<String, List<String>> headers, byte[] body, String route,
                                     Map<String, String> pathParameters, String sourceIp, String apiId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        Map<String, String> joined = new LinkedHashMap<>();
        ArrayNode cookies = JSON.createArrayNode();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                // The browser's Cookie header, one entry per cookie, as API Gateway passes them.
                values.forEach(value -> List.of(value.split(";")).stream().map(String::trim)
                        .filter(c -> !c.isEmpty()).forEach(cookies::add));
            } else {
                joined.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        if (!cookies.isEmpty()) {
            event.set("cookies", cookies);
        }
        event.set("headers", JSON.valueToTree(joined));
        Map<String, String> query = query(rawQuery);
        if (!query.isEmpty()) {
            event.set("queryStringParameters", JSON.valueToTree(query));
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach((name, value) -> parameters.put(name, decode(value, false)));
        }
        ObjectNode context = event.putObject("requestContext");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.put("accountId", "123456789012");
        context.put("apiId", apiId);
        // As for a custom domain: the name the caller used, without its port, and that name's first label.
        String host = hostName(joined.getOrDefault("host", "127.0.0.1"));
        context.put("domainName", host);
        context.put("domainPrefix", host.split("\\.")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", joined.getOrDefault("user-agent", ""));
        context.put("requestId", newRequestId());
        context.put("routeKey", route);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        if (body != null && body.length > 0) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    /** The parts of a function's payload 2.0 answer that become the HTTP response. */
    public record Answer(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    public static Answer answer(String responseJson) throws java.io.IOException {
        JsonNode response = JSON.readTree(responseJson);
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        List<String> cookies = new java.util.ArrayList<>();
        response.path("cookies").forEach(c -> cookies.add(c.asText()));
        String body = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new Answer(response.path("statusCode").asInt(500), headers, cookies, bytes);
    }

    /** An HTTP API request id: 11 random bytes in base64, 16 characters ending in {@code =} (e.g. BQDlRjKLoAMEPUA=). */
    static String newRequestId() {
        byte[] id = new byte[11];
        RANDOM.nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }

    /** The host of a Host header, without the port ({@code [::1]:3000} keeps its brackets). */
    static String hostName(String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        return colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(0, colon) : hostHeader;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String text, boolean plusIsSpace) {
        try {
            return URLDecoder.decode(plusIsSpace ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}

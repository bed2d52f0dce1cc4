package dev.mwaalogin.api;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.request.LoginRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Airflow REST call as MWAA's {@code InvokeRestApi} takes it, read from an {@code /api/{environment}/{path+}}
 * request and checked against MWAA's limits before anything is called: a path of 1 to {@value #MAX_PATH}
 * characters (with its leading '/'), plain segments only; a body that is a JSON object of at most
 * {@value #MAX_BODY_BYTES} bytes; query parameters as text.
 *
 * @param method   the HTTP method, one of {@link ApiPaths#METHODS}
 * @param path     the path MWAA gets, e.g. {@code /dags/example/dagRuns}
 * @param segments the path's segments, for {@link ApiPaths}
 * @param query    the query parameters (repeated ones joined by ',' as API Gateway joins them)
 * @param body     the JSON body as read, or null for none
 */
public record ApiRequest(String method, String path, List<String> segments, Map<String, String> query,
                         Map<String, Object> body) {

    /** MWAA's limit on {@code InvokeRestApi}'s {@code Path}. */
    public static final int MAX_PATH = 64;
    /**
     * The largest body forwarded: MWAA documents none for {@code InvokeRestApi}; Airflow's own request bodies
     * (a run's {@code conf}, a list of task ids) are far smaller, and this keeps a request well inside Lambda's.
     */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_QUERY_PARAMETERS = 50;

    private static final String API = "/api/";

    /**
     * Reads the call from a request on an {@code /api} route whose environment was already checked.
     *
     * @param airflowPath the route's {@code proxy} path parameter, or null to take it from the raw path
     * @throws Failed {@code API_BAD_PATH}, {@code API_BODY_TOO_LARGE} or {@code API_BAD_BODY}
     */
    public static ApiRequest of(LoginRequest request, String airflowPath) {
        String path = "/" + (airflowPath == null ? "" : airflowPath);
        List<String> segments = segments(path);
        Map<String, String> query = new LinkedHashMap<>(request.query());
        if (query.size() > MAX_QUERY_PARAMETERS) {
            throw Failed.refused(Reason.API_BAD_PATH, "TooManyQueryParameters");
        }
        return new ApiRequest(request.method(), path, segments, query, body(request.body()));
    }

    /**
     * The Airflow path of a raw {@code /api/{environment}/...} path, or null when it is not one: for events that
     * name no route (a local invoke of a hand-written event).
     */
    public static String[] environmentAndPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(API)) {
            return null;
        }
        String rest = rawPath.substring(API.length());
        int slash = rest.indexOf('/');
        if (rest.isEmpty() || slash == 0) {
            return null;
        }
        return slash < 0 ? new String[] {rest, null} : new String[] {rest.substring(0, slash),
            rest.substring(slash + 1)};
    }

    private static List<String> segments(String path) {
        if (path.length() < 2 || path.length() > MAX_PATH) {
            throw Failed.refused(Reason.API_BAD_PATH, path.length() < 2 ? "EmptyPath" : "PathTooLong");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !plain(segment)) {
                throw Failed.refused(Reason.API_BAD_PATH, "PathSegment");
            }
            segments.add(segment);
        }
        return segments;
    }

    /** Letters, digits and what Airflow's ids hold ({@code _.~:+@-}): nothing that changes where a path goes. */
    private static boolean plain(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_.~:+@-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> body(LoginRequest.Body body) {
        if (body.text() == null || body.text().isEmpty()) {
            return null;
        }
        // Four base64 characters are three bytes: checked before decoding, so an oversize body costs nothing.
        long size = body.base64() ? body.text().length() / 4L * 3 : body.text().length();
        if (size > MAX_BODY_BYTES + 3L) {
            throw Failed.refused(Reason.API_BODY_TOO_LARGE, null);
        }
        String text;
        try {
            text = body.base64() ? new String(Base64.getDecoder().decode(body.text()), StandardCharsets.UTF_8)
                    : body.text();
        } catch (IllegalArgumentException notBase64) {
            throw Failed.refused(Reason.API_BAD_BODY, "NotBase64");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw Failed.refused(Reason.API_BODY_TOO_LARGE, null);
        }
        if (text.isBlank()) {
            return null;
        }
        Object json;
        try {
            json = JsonReader.parse(text);
        } catch (JsonReader.MalformedJson malformed) {
            throw Failed.refused(Reason.API_BAD_BODY, "MalformedJson");
        }
        if (!(json instanceof Map)) {
            throw Failed.refused(Reason.API_BAD_BODY, "NotAnObject");
        }
        return JsonReader.object(json);
    }

    @Override
    public String toString() {
        // The body and the query are the caller's: never printed.
        return "ApiRequest[" + method + " " + path + "]";
    }
}

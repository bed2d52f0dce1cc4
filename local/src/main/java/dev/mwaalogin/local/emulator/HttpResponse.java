package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer: status, headers in the order they were added, and a body whose length is always declared. It may
 * also carry, for the request log only, the AWS operation it answered and its error type.
 */
final class HttpResponse implements Reply {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private String operation;
    private String errorType;

    private HttpResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    static HttpResponse json(int status, String json) {
        return new HttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse html(int status, String html) {
        return new HttpResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse empty(int status) {
        return new HttpResponse(status, null, new byte[0]);
    }

    /** A body sent as is with the given type: STS's XML, awsJson, or an answer cut off on purpose. */
    static HttpResponse raw(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body.clone());
    }

    /** Adds or replaces a header (names are matched case-insensitively). */
    HttpResponse header(String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
        return this;
    }

    /** Adds a header only when none of that name is there yet. */
    HttpResponse defaultHeader(String name, String value) {
        if (header(name).isEmpty()) {
            headers.put(name, value);
        }
        return this;
    }

    /** Names the operation for the request log, e.g. {@code sts:AssumeRole}; never sent. */
    HttpResponse operation(String name) {
        this.operation = name;
        return this;
    }

    /** The AWS error type for the request log, for protocols that carry it only in the body; never sent. */
    HttpResponse errorType(String type) {
        this.errorType = type;
        return this;
    }

    Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    /** The error type: as noted, else from {@code x-amzn-ErrorType}. */
    Optional<String> errorType() {
        return errorType != null ? Optional.of(errorType) : header(ErrorResponses.ERROR_TYPE_HEADER);
    }

    Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    int status() {
        return status;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    void writeTo(OutputStream out, boolean keepAlive) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("HTTP/1.1 " + status + " " + reasonPhrase(status));
        headers.forEach((name, value) -> lines.add(name + ": " + value));
        lines.add("Content-Length: " + body.length);
        lines.add("Connection: " + (keepAlive ? "keep-alive" : "close"));
        out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}

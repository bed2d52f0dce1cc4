package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer: status, headers and body. It may also carry, for the request log only, the AWS operation it
 * answered and its error type.
 */
final class HttpResponse implements Reply {

    /** The header AWS SDKs read the error type from first; bodies with only {@code code} are not recognised. */
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final ObjectWriter JSON = new ObjectMapper().writer();

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

    /** A JSON body: maps (kept in their order), lists, strings, numbers, booleans and null. */
    static HttpResponse json(int status, Object value) {
        try {
            return new HttpResponse(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    static HttpResponse html(int status, String html) {
        return new HttpResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse empty(int status) {
        return new HttpResponse(status, null, new byte[0]);
    }

    /** A body sent as is with the given type: STS's XML, or an answer cut off on purpose. */
    static HttpResponse raw(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body.clone());
    }

    /** Adds or replaces a header (names are matched case-insensitively). */
    HttpResponse header(String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
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
        return errorType != null ? Optional.of(errorType) : header(ERROR_TYPE_HEADER);
    }

    Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

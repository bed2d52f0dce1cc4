package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP request as it came off the wire. The path and query stay in their raw (percent-encoded) form because
 * SigV4 signs what the client sent, not what a decoder makes of it.
 *
 * @param id       the request id the emulator answers with in {@code x-amzn-RequestId}
 * @param method   e.g. {@code POST}
 * @param rawPath  the request target up to any {@code ?}, still percent-encoded
 * @param rawQuery the text after {@code ?}, still percent-encoded; empty when there is none
 * @param headers  every header line, duplicates kept in arrival order
 * @param body     the decoded body (after chunked transfer decoding), empty when there is none
 */
record HttpRequest(String id, String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).reader();

    /** One header line. */
    record Header(String name, String value) {
    }

    HttpRequest {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, matched case-insensitively. */
    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** Every value of a header in arrival order, matched case-insensitively. */
    List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /**
     * The body as a JSON object.
     *
     * @throws IllegalArgumentException when it is not one
     */
    JsonNode jsonObject() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON at all: refused below like any other non-object
        }
        throw new IllegalArgumentException("the body is not a JSON object");
    }

    @Override
    public String toString() {
        // Never the headers or body: they carry signatures, session tokens and login tokens.
        return method + " " + rawPath + " (" + id + ")";
    }
}

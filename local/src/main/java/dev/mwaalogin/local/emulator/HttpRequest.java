package dev.mwaalogin.local.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP request as it came off the wire. The path and query stay in their raw (percent-encoded) form because
 * SigV4 signs what the client sent, not what a decoder makes of it.
 *
 * @param id       the request id the emulator answers with in {@code x-amzn-RequestId}
 * @param method   e.g. {@code POST}
 * @param rawPath  the request target up to any {@code ?}, still percent-encoded
 * @param rawQuery the text after {@code ?}, still percent-encoded; empty when there is none
 * @param version  e.g. {@code HTTP/1.1}
 * @param headers  every header line in arrival order, duplicates kept
 * @param body     the decoded body (after chunked transfer decoding), empty when there is none
 */
record HttpRequest(String id, String method, String rawPath, String rawQuery, String version, List<Header> headers,
                   byte[] body) {

    /** One header line; the name keeps the client's spelling. */
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

    /** Whether the client wants the connection kept for another request (HTTP/1.1 default, unless it said close). */
    boolean keepAlive() {
        String connection = header("Connection").orElse("").toLowerCase(Locale.ROOT);
        if ("HTTP/1.0".equals(version)) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    @Override
    public String toString() {
        // Never the headers or body: they carry signatures, session tokens and login tokens.
        return method + " " + rawPath + " (" + id + ")";
    }
}

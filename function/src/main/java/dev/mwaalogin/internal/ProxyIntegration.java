package dev.mwaalogin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON of API Gateway's Lambda proxy integration, both ways: the event in, the response out. The response shape
 * ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}) is the same for payload 1.0 and 2.0.
 */
public final class ProxyIntegration {

    private ProxyIntegration() {
    }

    /**
     * Reads the whole event.
     *
     * @throws JsonReader.MalformedJson when it is not JSON
     * @throws UncheckedIOException     when the stream fails
     */
    public static Object readEvent(InputStream input) {
        try {
            return JsonReader.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeResponse(int statusCode, Map<String, String> headers, String body, OutputStream output)
            throws IOException {
        String json = new Json()
                .number("statusCode", statusCode)
                .object("headers", headers)
                .field("body", body)
                .bool("isBase64Encoded", false)
                .toString();
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}

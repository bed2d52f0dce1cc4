package dev.mwaalogin.local.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads HTTP/1.1 requests from a connection. It accepts the shapes real AWS clients send: no body at all (the Java
 * SDK's bodyless POST has no Content-Length), {@code Content-Length: 0}, a sized body, or a chunked one, and answers
 * {@code Expect: 100-continue}.
 */
final class HttpRequestReader {

    /** A request the server cannot read; it answers 400 and closes the connection. */
    static final class MalformedRequestException extends IOException {
        MalformedRequestException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;

    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next request, or null when the client closed the connection cleanly between requests. */
    HttpRequest next() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // RFC 9112 2.2: ignore blank lines before a request line
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("bad request line");
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);

        List<HttpRequest.Header> headers = readHeaders();
        HttpRequest headOnly = new HttpRequest(UUID.randomUUID().toString(), parts[0], rawPath, rawQuery, parts[2],
                headers, new byte[0]);
        if (headOnly.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return new HttpRequest(headOnly.id(), headOnly.method(), rawPath, rawQuery, parts[2], headers,
                readBody(headOnly));
    }

    private List<HttpRequest.Header> readHeaders() throws IOException {
        List<HttpRequest.Header> headers = new ArrayList<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new MalformedRequestException("bad header line");
            }
            headers.add(new HttpRequest.Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return headers;
    }

    private byte[] readBody(HttpRequest head) throws IOException {
        String transferEncoding = head.header("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (transferEncoding.contains("chunked")) {
            return readChunked();
        }
        String contentLength = head.header("Content-Length").orElse("0");
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("bad Content-Length");
        }
        if (length < 0 || length > MAX_BODY) {
            throw new MalformedRequestException("body too large");
        }
        return readExactly((int) length);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("bad chunk size");
            }
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers: read and dropped; no AWS client we serve sends any we would use
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new MalformedRequestException("body too large");
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new MalformedRequestException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new MalformedRequestException("body shorter than declared");
        }
        return bytes;
    }

    /**
     * One CRLF- (or bare LF-) terminated line. Decoded as UTF-8 so a raw non-ASCII path survives to the SigV4 check
     * byte for byte.
     *
     * @param eofAllowed whether a clean end of stream before the first byte means "no more requests" (null)
     */
    private String readLine(boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedRequestException("line too long");
            }
            line.write(b);
        }
        if (eofAllowed && line.size() == 0) {
            return null;
        }
        throw new MalformedRequestException("connection closed mid-request");
    }
}

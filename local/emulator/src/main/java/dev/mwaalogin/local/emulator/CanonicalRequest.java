package dev.mwaalogin.local.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds SigV4's canonical request from a request as received, following AWS's rules for services other than S3.
 * Each piece is a static function so the tests can check them one by one.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * The canonical request text.
     *
     * @throws ApiException 403 when a header named in SignedHeaders is not in the request
     */
    static String of(HttpRequest request, List<String> signedHeaders, String payloadHash) throws ApiException {
        return request.method() + "\n"
                + uri(request.rawPath()) + "\n"
                + query(request.rawQuery()) + "\n"
                + headers(request, signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + payloadHash;
    }

    /**
     * The canonical URI. Clients of non-S3 services percent-encode the path once to send it, and again to sign it
     * ("double encoding"), so the server encodes the path it received once more: {@code /a%20b} signs as
     * {@code /a%2520b}. Dot segments are removed first, as the SDKs normalize the path before signing. Empty
     * segments ({@code //}) are kept, as the Java SDK keeps them (botocore would drop them; no MWAA path has any).
     */
    static String uri(String rawPath) {
        return encode(removeDotSegments(rawPath), true);
    }

    static String removeDotSegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i == 0 && segment.isEmpty()) {
                continue; // the leading slash
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else if (!segment.equals(".")) {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }

    /**
     * The canonical query string: each name and value percent-decoded, re-encoded with SigV4's rules (only
     * unreserved characters left as they are; a space is {@code %20}), then sorted by name and value.
     */
    static String query(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(encode(decode(name), false), encode(decode(value), false)));
        }
        return parameters.stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> p) -> p.getKey()).thenComparing(Map.Entry::getValue))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    /**
     * The canonical headers block: one {@code name:value} line per signed header, the value trimmed with inner runs
     * of spaces collapsed, and repeated headers joined with commas in arrival order.
     */
    static String headers(HttpRequest request, List<String> signedHeaders) throws ApiException {
        StringBuilder block = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headerValues(name);
            if (values.isEmpty()) {
                throw new ApiException(403, "InvalidSignatureException",
                        "The request signature we calculated does not match the signature you provided: signed "
                                + "header '" + name + "' is not in the request.");
            }
            block.append(name).append(':')
                    .append(values.stream().map(v -> v.trim().replaceAll("\\s+", " ")).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return block.toString();
    }

    /** Percent-encodes every UTF-8 byte except unreserved characters (and {@code /} when {@code keepSlash}). */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Percent-decoding as in RFC 3986, where {@code +} is a plus sign (not form encoding). A malformed escape is kept
     * literally, so the signature check fails instead of the decoder.
     */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            Optional<Integer> escaped = text.charAt(i) == '%' ? hexByte(text, i + 1) : Optional.empty();
            if (escaped.isPresent()) {
                bytes.write(escaped.get());
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Optional<Integer> hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            return Optional.empty();
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? Optional.empty() : Optional.of(high * 16 + low);
    }
}

package dev.mwaalogin.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for the one JSON document an invocation brings: the API Gateway event.
 *
 * <p>Objects become {@code Map<String, Object>}, arrays {@code List<Object>}, strings {@code String}, numbers
 * {@link JsonNumber}, {@code true}/{@code false} {@code Boolean}, and {@code null} a {@code null}. A handful of
 * classes instead of a general data-binding library keeps the runtime's reflection-based event mapping off the
 * cold path. Nesting is bounded, so a hostile document cannot exhaust the stack.
 */
public final class JsonReader {

    static final int MAX_DEPTH = 64;

    // A char array rather than the String: its per-character bounds and encoding checks showed in warm profiles.
    private final char[] text;
    private int at;

    private JsonReader(String text) {
        this.text = text.toCharArray();
    }

    /** A JSON number, kept as written: events carry no number this function reads. */
    public record JsonNumber(String text) {
    }

    /** The document is not JSON, or nests deeper than any event does. */
    public static final class MalformedJson extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        MalformedJson(String problem, int at) {
            super(problem + " at offset " + at, null);
        }
    }

    /** Parses one JSON value that must fill the whole text, surrounded by optional whitespace. */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.at != reader.text.length) {
            throw new MalformedJson("unexpected text after the value", reader.at);
        }
        return value;
    }

    /** The string at a path of object keys, or null when anything on the way is missing or of another type. */
    public static String text(Object root, String... path) {
        Object node = walk(root, path);
        return node instanceof String ? (String) node : null;
    }

    /** The object at a path of object keys, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object root, String... path) {
        Object node = walk(root, path);
        return node instanceof Map ? (Map<String, Object>) node : Collections.emptyMap();
    }

    /** The array at a path of object keys, or null. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object root, String... path) {
        Object node = walk(root, path);
        return node instanceof List ? (List<Object>) node : null;
    }

    private static Object walk(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedJson("nested too deeply", at);
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new MalformedJson("unexpected character", at);
            }
        };
    }

    private Map<String, Object> object(int depth) {
        // Document order, so that a lookup that accepts several spellings of a name finds the first one written.
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJson("expected a key", at);
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> array = new ArrayList<>();
        at++;
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        at++;
        int start = at;
        // Most strings have no escape: scan to the closing quote and copy once.
        while (at < text.length) {
            char c = text[at];
            if (c == '"') {
                at++;
                return new String(text, start, at - 1 - start);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            at++;
        }
        StringBuilder out = new StringBuilder(at - start + 16).append(text, start, at - start);
        while (true) {
            char c = peek();
            at++;
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new MalformedJson("control character in a string", at - 1);
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = peek();
        at++;
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> throw new MalformedJson("bad escape", at - 1);
        };
    }

    private char unicodeEscape() {
        if (at + 4 > text.length) {
            throw new MalformedJson("short \\u escape", at);
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text[at++], 16);
            if (digit < 0) {
                throw new MalformedJson("bad \\u escape", at - 1);
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private JsonNumber number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (at < text.length && text[at] == '.') {
            at++;
            digits();
        }
        if (at < text.length && (text[at] == 'e' || text[at] == 'E')) {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        return new JsonNumber(new String(text, start, at - start));
    }

    private void digits() {
        int start = at;
        while (at < text.length && text[at] >= '0' && text[at] <= '9') {
            at++;
        }
        if (at == start) {
            throw new MalformedJson("expected a digit", at);
        }
    }

    private Object literal(String word, Object value) {
        if (at + word.length() > text.length) {
            throw new MalformedJson("unexpected word", at);
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[at + i] != word.charAt(i)) {
                throw new MalformedJson("unexpected word", at);
            }
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new MalformedJson("expected '" + c + "'", at);
        }
        at++;
    }

    private char peek() {
        if (at >= text.length) {
            throw new MalformedJson("unexpected end", at);
        }
        return text[at];
    }

    private void skipWhitespace() {
        while (at < text.length) {
            char c = text[at];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }
}

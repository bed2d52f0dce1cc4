package dev.mwaalogin.local.emulator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the emulator: writing objects (of strings, numbers, booleans, nested objects and lists), and
 * reading the flat objects the admin endpoint and Secrets Manager's requests use.
 * A JSON library would be one more jar on every class path that loads the emulator, for two tiny needs.
 */
final class MiniJson {

    private MiniJson() {
    }

    /** Writes an object; values are written as JSON strings, numbers, booleans, null, objects (maps) or arrays. */
    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(string(field.getKey())).append(':').append(value(field.getValue()));
        }
        return out.append('}').toString();
    }

    private static String value(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> nested) {
            Map<String, Object> copy = new LinkedHashMap<>();
            nested.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return object(copy);
        }
        if (value instanceof Collection<?> items) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : items) {
                out.append(out.length() > 1 ? "," : "").append(value(item));
            }
            return out.append(']').toString();
        }
        return string(value.toString());
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // '<' and '>' escaped too, so a value can never close a <script> it might end up in.
                case '<', '>', '&' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Reads one object whose values are strings, numbers, booleans or null (no nesting): numbers come back as
     * {@link Long} or {@link Double}.
     *
     * @throws IllegalArgumentException with a short reason when the text is not such an object
     */
    static Map<String, Object> parseFlatObject(String text) {
        return new Reader(text).object();
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> fields = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String name = string();
                    expect(':');
                    fields.put(name, scalar());
                } while (consumeComma());
                expect('}');
            }
            if (peek() != 0) {
                throw fail("unexpected text after the object");
            }
            return fields;
        }

        private boolean consumeComma() {
            if (peek() == ',') {
                at++;
                return true;
            }
            return false;
        }

        private Object scalar() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at) || text.startsWith("null", at)) {
                at += 4;
                return text.startsWith("true", at - 4) ? Boolean.TRUE : null;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            int start = at;
            while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            try {
                return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
            } catch (NumberFormatException e) {
                throw fail("expected a string, number, boolean or null (objects and arrays are not accepted)");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw fail("bad \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
            throw fail("unterminated string");
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail("expected '" + c + "'");
            }
            at++;
        }

        /** The next non-blank character, or 0 at the end; leaves {@code at} on it. */
        private char peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at < text.length() ? text.charAt(at) : 0;
        }

        private IllegalArgumentException fail(String reason) {
            return new IllegalArgumentException("not a flat JSON object at offset " + at + ": " + reason);
        }
    }
}

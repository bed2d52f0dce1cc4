package dev.mwaalogin.internal;

import java.util.Map;

/**
 * Writes the small JSON objects this function answers with: string, number and boolean fields, nested objects.
 *
 * <p>Escapes per RFC 8259, plus {@code <}, {@code >}, {@code &}, U+2028 and U+2029, so a body stays inert even if
 * something renders it as HTML or script.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    /** Adds a field; a null value leaves the field out. */
    public Json field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    /** Adds a field whose value is an already written JSON object. */
    public Json object(String name, Json value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Adds a field whose value is an object of the given string fields, in their order. */
    public Json object(String name, Map<String, String> fields) {
        Json object = new Json();
        fields.forEach(object::field);
        return object(name, object);
    }

    /** Adds a field whose value is an array of strings (nulls written as null). */
    public Json array(String name, java.util.List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (values.get(i) == null) {
                out.append("null");
            } else {
                string(values.get(i));
            }
        }
        out.append(']');
        return this;
    }

    /** A string as a JSON string literal, quotes included. */
    public static String quote(String value) {
        Json json = new Json();
        json.out.setLength(0);
        json.string(value);
        return json.out.toString();
    }

    /** Adds a field whose value is JSON text the caller wrote (constants only, never input). */
    public Json raw(String name, String json) {
        name(name);
        out.append(json);
        return this;
    }

    public Json number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public Json bool(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void string(String value) {
        out.append('"');
        // Whole runs that need no escape are copied at once: per-character appends showed in warm profiles.
        int plain = 0;
        while (plain < value.length() && !needsEscape(value.charAt(plain))) {
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\u2028'
                || c == '\u2029';
    }

    @Override
    public String toString() {
        return out + "}";
    }
}

package dev.mwaalogin.local.fuzz;

import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.internal.Json;
import dev.mwaalogin.internal.JsonReader.JsonNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The documented differences between the function's event reading ({@code ProxyEvents}) and the runtime's Jackson
 * mapping, as one rewrite of an event's JSON: after it, the runtime must make of the rewritten JSON exactly the event
 * the function made of the original. Each rule applies only where the JSON has a type the property does not take,
 * which API Gateway never sends; each use is counted under its rule. Where the runtime coerces, the function reads
 * strictly:
 * <ol>
 *   <li><b>root</b>: a root that is not an object is an event with nothing in it; the runtime makes {@code null} of
 *       {@code null}, {@code ""} and {@code []}, and unwraps an event in a one-element array;
 *   <li><b>string</b>: a number, boolean or array (the runtime takes a number's or boolean's text, and unwraps a
 *       one-element array) is no value; in a map of strings, numbers and booleans become their text on both sides;
 *   <li><b>array in a map of strings</b> (a JWT claim): the function keeps the JSON text of its strings, so that no
 *       group is lost; the runtime unwraps one element and refuses more;
 *   <li><b>list of strings</b>: a lone value (which the runtime wraps into a list) is no list; a number or boolean in
 *       one (which the runtime turns into text) is null; in a multi-value map, an entry without a list is skipped;
 *   <li><b>boolean</b>, <b>integer</b>: anything but a JSON boolean, resp. an integer that fits a long (the runtime
 *       also takes strings, numbers with a fraction, one-element arrays), is no value;
 *   <li><b>object</b>, <b>map</b>: anything but a JSON object (the runtime unwraps one in a one-element array) is no
 *       value.
 * </ol>
 * Values the runtime refuses outright (an object where a string goes, nested arrays in a list, numbers beyond a long)
 * are never compared: the runtime fails the invocation before any handler would see it.
 */
final class RuntimeLeniency {

    private final Counts counts;
    private boolean rewritten;

    private RuntimeLeniency(Counts counts) {
        this.counts = counts;
    }

    /** The event's JSON as the function reads it; null when no rule applied. */
    static Object rewrite(Object json, EventSchema schema, Counts counts) {
        RuntimeLeniency leniency = new RuntimeLeniency(counts);
        Object rewritten = json instanceof Map ? leniency.object(json, schema) : leniency.rule("root", json, Map.of());
        return leniency.rewritten ? rewritten : null;
    }

    private Object value(Object value, EventSchema schema) {
        if (value == null) {
            return null;
        }
        return switch (schema.kind()) {
            case STRING -> value instanceof String ? value : rule("string", value, null);
            case BOOLEAN -> value instanceof Boolean ? value : rule("boolean", value, null);
            case INTEGER -> isLong(value) ? value : rule("integer", value, null);
            case STRING_LIST -> value instanceof List<?> list ? strings(list) : rule("list of strings", value, null);
            case STRING_MAP -> value instanceof Map<?, ?> map ? stringMap(map) : rule("map", value, null);
            case STRING_LIST_MAP -> value instanceof Map<?, ?> map ? listMap(map) : rule("map", value, null);
            case FREE_FORM_MAP -> value instanceof Map ? value : rule("map", value, null);
            case OBJECT -> value instanceof Map ? object(value, schema) : rule("object", value, null);
        };
    }

    /** An object of the event: its known properties rewritten, the rest (which neither side reads) kept. */
    private Map<String, Object> object(Object value, EventSchema schema) {
        Map<String, Object> object = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((name, item) -> {
            EventSchema property = schema.properties().get((String) name);
            object.put((String) name, property == null ? item : value(item, property));
        });
        return object;
    }

    private Map<String, Object> stringMap(Map<?, ?> map) {
        Map<String, Object> strings = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (value instanceof List<?> array) {
                strings.put((String) name, rule("array in a map of strings", value, array.stream()
                        .filter(String.class::isInstance).map(item -> Json.quote((String) item))
                        .collect(Collectors.joining(",", "[", "]"))));
            } else if (value instanceof Map) {
                rule("object in a map of strings", value, null);
            } else {
                strings.put((String) name, value);
            }
        });
        return strings;
    }

    private Map<String, Object> listMap(Map<?, ?> map) {
        Map<String, Object> lists = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (value == null || value instanceof List) {
                lists.put((String) name, value == null ? null : strings((List<?>) value));
            } else {
                rule("lone value in a multi-value map", value, null);
            }
        });
        return lists;
    }

    private List<Object> strings(List<?> list) {
        List<Object> strings = new ArrayList<>(list.size());
        list.forEach(item -> strings.add(item == null || item instanceof String ? item
                : rule("non-string in a list of strings", item, null)));
        return strings;
    }

    private Object rule(String rule, Object found, Object instead) {
        rewritten = true;
        counts.add("rewritten: " + typeOf(found) + " as " + rule);
        return instead;
    }

    private static boolean isLong(Object value) {
        if (!(value instanceof JsonNumber number)) {
            return false;
        }
        try {
            Long.parseLong(number.text());
            return true;
        } catch (NumberFormatException notALong) {
            return false;
        }
    }

    private static String typeOf(Object value) {
        return value instanceof String ? "string" : value instanceof JsonNumber ? "number"
                : value instanceof Boolean ? "boolean" : value instanceof List ? "array"
                : value instanceof Map ? "object" : "null";
    }

    /** Writes a tree of the function's reader back as JSON: numbers as written, everything but ASCII escaped. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String comma = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                quote((String) entry.getKey(), out.append(comma));
                write(entry.getValue(), out.append(':'));
                comma = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            quote(text, out);
        } else {
            out.append(value instanceof JsonNumber number ? number.text() : String.valueOf(value));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

package dev.mwaalogin.local.fuzz;

import static dev.mwaalogin.local.fuzz.FuzzInputs.M;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.local.fuzz.FuzzInputs.Spec;
import dev.mwaalogin.local.fuzz.FuzzInputs.Vouched;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One generated event to send: a JSON event built from a {@link Spec} in API Gateway's shape for its payload version,
 * more properties of the event's type filled, some then given values of other JSON types, written as raw UTF-8 or
 * all-ASCII, and finally perhaps damaged at the byte level ({@link ByteDamage}).
 *
 * @param marker a string that cannot occur in an answer by chance; every generated text carries it
 * @param fills  properties of the event's type (by index into its {@link EventSchema#paths()}) given a value of
 *               their own type when the spec left them out, so that every property the library knows is read
 */
record FuzzEvent(Entry entry, String marker, Spec spec, List<Integer> fills, List<Retype> retypes, boolean ascii,
                 ByteDamage damage) {

    /** The payload version, and so the entry class. */
    enum Entry { HTTP, REST }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Writes events with every non-ASCII character as a \\u escape, which also keeps lone surrogates intact. */
    private static final ObjectWriter ASCII_JSON = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    static Arbitrary<FuzzEvent> arbitrary() {
        return arbitrary(FuzzInputs.specs());
    }

    static Arbitrary<FuzzEvent> arbitrary(Arbitrary<Spec> specs) {
        Arbitrary<String> markers = Arbitraries.strings().withChars("bcdfghjkmnpqrstvwxz").ofLength(12)
                .map(s -> "Qx" + s + "Zj");
        Arbitrary<List<Retype>> retypes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Retype>of())),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 1 << 16), Arbitraries.of(VALUES))
                        .as(Retype::new).list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<List<Integer>> fills = Arbitraries.integers().between(0, 1 << 16).list().ofMaxSize(6);
        return Combinators.combine(Arbitraries.of(Entry.class), markers, specs, fills, retypes,
                Arbitraries.of(false, false, true), ByteDamage.arbitrary()).as(FuzzEvent::new);
    }

    String fill(String text) {
        return text == null ? null : text.replace(M, marker);
    }

    /** The bytes Lambda would hand the stream handler. */
    byte[] bytes() {
        ObjectNode json = entry == Entry.HTTP ? httpJson() : restJson();
        EventSchema schema = entry == Entry.HTTP ? HTTP_SCHEMA : REST_SCHEMA;
        List<List<String>> paths = schema.paths();
        fills.forEach(fill -> {
            List<String> path = paths.get(fill % paths.size());
            if (!has(json, path)) {
                new Retype(0, ownType(schema.at(path).kind())).put(json, path, this);
            }
        });
        retypes.forEach(retype -> retype.applyTo(json, this));
        byte[] written;
        try {
            // Raw UTF-8 turns a lone surrogate into '?', as any client's encoder would; \\u escapes keep it.
            written = ascii ? ASCII_JSON.writeValueAsBytes(json)
                    : JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return damage.apply(written, marker);
    }

    String shape() {
        if (damage.kind() != ByteDamage.Kind.NONE) {
            return "bytes " + damage.kind();
        }
        return retypes.isEmpty() ? "JSON" : "JSON, retyped";
    }

    @Override
    public String toString() {
        byte[] bytes = bytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        return entry + " " + shape() + " " + retypes + " " + damage + ", " + bytes.length + " bytes: "
                + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text);
    }

    // ---- the JSON API Gateway sends ----

    private ObjectNode httpJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("version", "2.0");
        putIfPresent(json, "routeKey", spec.routeKey);
        putIfPresent(json, "rawPath", spec.rawPath);
        json.put("rawQueryString", rawQuery());
        json.set("queryStringParameters", JSON.valueToTree(joinedQuery()));
        json.set("headers", JSON.valueToTree(headers()));
        json.set("pathParameters", JSON.valueToTree(fill(spec.pathParameters)));
        if (spec.cookies != null) {
            ArrayNode cookies = json.putArray("cookies");
            spec.cookies.forEach(c -> cookies.add(fill(c)));
        }
        putIfPresent(json, "body", body());
        json.put("isBase64Encoded", spec.base64);
        if (spec.context) {
            ObjectNode context = json.putObject("requestContext");
            putIfPresent(context, "stage", spec.stage);
            context.put("requestId", fill(M));
            if (spec.http) {
                ObjectNode http = context.putObject("http");
                putIfPresent(http, "method", spec.method);
                putIfPresent(http, "path", spec.rawPath);
                http.put("sourceIp", fill(M));
            }
            Vouched vouched = spec.vouched;
            if (vouched != null) {
                ObjectNode authorizer = context.putObject("authorizer");
                if (vouched.claims() != null) {
                    authorizer.putObject("jwt").set("claims", JSON.valueToTree(fillAny(vouched.claims())));
                }
                if (vouched.userArn() != null) {
                    authorizer.putObject("iam").put("userArn", fill(vouched.userArn())).put("accountId",
                            "123456789012");
                }
                if (vouched.lambda() != null) {
                    authorizer.set("lambda", JSON.valueToTree(fillAny(vouched.lambda())));
                }
            }
        }
        return json;
    }

    private ObjectNode restJson() {
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "resource", spec.resource);
        putIfPresent(json, "path", spec.rawPath);
        putIfPresent(json, "httpMethod", spec.method);
        json.set("headers", JSON.valueToTree(headers()));
        json.set("multiValueHeaders", JSON.valueToTree(multiHeaders()));
        json.set("queryStringParameters", JSON.valueToTree(lastQuery()));
        json.set("multiValueQueryStringParameters", JSON.valueToTree(multiQuery()));
        json.set("pathParameters", JSON.valueToTree(fill(spec.pathParameters)));
        putIfPresent(json, "body", body());
        json.put("isBase64Encoded", spec.base64);
        if (spec.context) {
            ObjectNode context = json.putObject("requestContext");
            putIfPresent(context, "stage", spec.stage);
            context.put("requestId", fill(M));
            if (spec.http) {
                putIfPresent(context, "httpMethod", spec.method);
            }
            putIfPresent(context, "path", spec.rawPath);
            ObjectNode identity = context.putObject("identity").put("sourceIp", fill(M));
            Vouched vouched = spec.vouched;
            if (vouched != null && vouched.userArn() != null) {
                identity.put("userArn", fill(vouched.userArn()));
            }
            if (vouched != null && vouched.claims() != null) {
                context.putObject("authorizer").set("claims", JSON.valueToTree(fillAny(vouched.claims())));
            }
        }
        return json;
    }

    private void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, fill(value));
        }
    }

    private Map<String, String> fill(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> filled = new LinkedHashMap<>();
        map.forEach((key, value) -> filled.put(fill(key), fill(value)));
        return filled;
    }

    private Object fillAny(Object value) {
        if (value instanceof String text) {
            return fill(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::fillAny).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((key, item) -> filled.put(fill((String) key), fillAny(item)));
            return filled;
        }
        return value;
    }

    private String body() {
        String body = fill(spec.body);
        return body != null && spec.base64
                ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
    }

    /** Payload 2.0: repeated parameters joined by commas. */
    private Map<String, String> joinedQuery() {
        if (spec.query == null) {
            return null;
        }
        Map<String, String> joined = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : spec.query) {
            String value = fill(e.getValue()) == null ? "" : fill(e.getValue());
            joined.merge(fill(e.getKey()), value, (a, b) -> a + "," + b);
        }
        return joined;
    }

    private String rawQuery() {
        if (spec.query == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.query) {
            parts.add(fill(e.getKey()) + "=" + (e.getValue() == null ? "" : fill(e.getValue())));
        }
        return String.join("&", parts);
    }

    /** Payload 1.0: the last of repeated parameters. */
    private Map<String, String> lastQuery() {
        if (spec.query == null) {
            return null;
        }
        Map<String, String> last = new LinkedHashMap<>();
        spec.query.forEach(e -> last.put(fill(e.getKey()), fill(e.getValue())));
        return last;
    }

    private Map<String, List<String>> multiQuery() {
        if (spec.query == null) {
            return null;
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        spec.query.forEach(e -> multi.computeIfAbsent(fill(e.getKey()), k -> new ArrayList<>())
                .add(fill(e.getValue())));
        return multi;
    }

    /**
     * The headers, and, for a JWT authorizer's caller, the Authorization header that carried its token (API Gateway
     * leaves it there): the token's claims as JSON between an unsigned header and a fake signature.
     */
    private Map<String, String> headers() {
        Map<String, String> headers = fill(spec.headers);
        Vouched vouched = spec.vouched;
        if (vouched == null || vouched.token() == null) {
            return headers;
        }
        Map<String, String> with = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
        String payload;
        try {
            payload = Base64.getUrlEncoder().withoutPadding().encodeToString(ASCII_JSON.writeValueAsBytes(fillAny(
                    vouched.token())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        with.keySet().removeIf(name -> name != null && name.equalsIgnoreCase("authorization"));
        with.put("authorization", vouched.tokenPrefix() + "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl");
        return with;
    }

    private Map<String, List<String>> multiHeaders() {
        Map<String, String> headers = headers();
        if (headers == null) {
            return null;
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, value == null ? null : List.of(value.split(",", -1))));
        return multi;
    }

    // ---- values of other types ----

    /** Properties the function reads, and map entries it looks up; "[0]" is the first element of an array. */
    private static final List<List<String>> HTTP_READ = List.of(List.of("routeKey"), List.of("rawPath"),
            List.of("requestContext", "stage"), List.of("requestContext", "http", "method"),
            List.of("pathParameters", "environment"), List.of("queryStringParameters", "format"),
            List.of("headers", "accept"), List.of("headers", "Accept"), List.of("headers", "authorization"),
            List.of("requestContext", "authorizer", "jwt", "claims", "email"),
            List.of("requestContext", "authorizer", "jwt", "claims", "cognito:groups"),
            List.of("requestContext", "authorizer", "iam", "userArn"));
    private static final List<List<String>> REST_READ = List.of(List.of("resource"), List.of("path"),
            List.of("httpMethod"), List.of("pathParameters", "environment"), List.of("queryStringParameters", "format"),
            List.of("multiValueQueryStringParameters", "format"),
            List.of("multiValueQueryStringParameters", "format", "[0]"), List.of("headers", "Accept"),
            List.of("headers", "accept"), List.of("multiValueHeaders", "Accept"),
            List.of("multiValueHeaders", "Accept", "[0]"), List.of("requestContext", "authorizer", "claims", "email"),
            List.of("requestContext", "authorizer", "claims", "cognito:groups"),
            List.of("requestContext", "identity", "userArn"));

    static final EventSchema HTTP_SCHEMA = EventSchema.of(APIGatewayV2HTTPEvent.class);
    static final EventSchema REST_SCHEMA = EventSchema.of(APIGatewayProxyRequestEvent.class);
    /** The properties a retype may hit: those the function reads, then every property of the event's type. */
    static final List<List<String>> HTTP_FIELDS = fields(HTTP_READ, HTTP_SCHEMA);
    static final List<List<String>> REST_FIELDS = fields(REST_READ, REST_SCHEMA);

    private static List<List<String>> fields(List<List<String>> read, EventSchema schema) {
        Set<List<String>> fields = new LinkedHashSet<>(read);
        fields.addAll(schema.paths());
        return List.copyOf(fields);
    }

    private static boolean has(JsonNode json, List<String> path) {
        JsonNode node = json;
        for (String name : path) {
            node = node == null ? null : node.get(name);
        }
        return node != null;
    }

    /** A value of a property's own type, as API Gateway would send one. */
    private static String ownType(EventSchema.Kind kind) {
        return switch (kind) {
            case STRING -> "\"" + M + "\"";
            case BOOLEAN -> "true";
            case INTEGER -> "1741806251000";
            case STRING_LIST -> "[\"a\",\"" + M + "\"]";
            case STRING_MAP -> "{\"k\":\"" + M + "\",\"n\":\"v\"}";
            case STRING_LIST_MAP -> "{\"k\":[\"" + M + "\",\"v\"]}";
            case FREE_FORM_MAP -> "{\"n\":1,\"s\":\"" + M + "\",\"l\":[1,\"x\"],\"o\":{\"f\":1.5}}";
            case OBJECT -> "{}";
        };
    }

    /**
     * JSON values of every type, put at any property. Several are what the runtime's Jackson coerces into a string
     * (numbers, booleans, one-element arrays), a list (a lone value) or an object (a one-element array holding
     * one), which is where the cross-check must tell coercion from disagreement.
     */
    static final List<String> VALUES = List.of("0", "-1", "1.5e3", "123456789012345678901234567890", "true",
            "false", "null", "\"\"", "\"" + M + "\"", "\"[a " + M + "]\"", "[]", "[\"json\"]", "[\"GET\"]",
            "[\"/login\"]", "[\"demo\"]", "[\"analytics\"]", "[\"" + M + "\"]", "[\"a\",\"" + M + "\"]", "[null]",
            "[5]", "[true]", "[[\"json\"]]", "{}", "{\"k\":\"" + M + "\"}", "{\"format\":\"json\"}",
            "{\"n\":1,\"f\":-0.5e-3,\"l\":[1,\"" + M + "\",null,true],\"o\":{\"x\":null}}",
            "[{\"method\":\"GET\"}]", "[{\"environment\":\"analytics\"}]", "[{\"format\":\"json\"}]",
            "[{\"accept\":\"application/json\"}]", "{\"http\":{\"method\":\"GET\"}}",
            "{\"email\":\"alice@example.com\",\"cognito:groups\":[\"admins\"]}");

    /** Puts a value at one of the entry's properties, making the objects on the way if need be. */
    record Retype(int field, String value) {
        void applyTo(ObjectNode json, FuzzEvent event) {
            List<List<String>> fields = event.entry() == Entry.HTTP ? HTTP_FIELDS : REST_FIELDS;
            put(json, fields.get(field % fields.size()), event);
        }

        void put(ObjectNode json, List<String> path, FuzzEvent event) {
            JsonNode wrong;
            try {
                wrong = JSON.readTree(event.fill(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean element = path.get(path.size() - 1).equals("[0]");
            ObjectNode parent = json;
            for (String key : path.subList(0, path.size() - (element ? 2 : 1))) {
                parent = parent.get(key) instanceof ObjectNode object ? object : parent.putObject(key);
            }
            if (element) {
                String key = path.get(path.size() - 2);
                ArrayNode array = parent.get(key) instanceof ArrayNode existing ? existing : parent.putArray(key);
                if (array.isEmpty()) {
                    array.add(wrong);
                } else {
                    array.set(0, wrong);
                }
            } else {
                parent.set(path.get(path.size() - 1), wrong);
            }
        }

        @Override
        public String toString() {
            return Stream.of(Entry.values()).map(entry -> entry + " " + (entry == Entry.HTTP ? HTTP_FIELDS
                    : REST_FIELDS).get(field % (entry == Entry.HTTP ? HTTP_FIELDS : REST_FIELDS).size()))
                    .toList() + "=" + value;
        }
    }
}

package dev.mwaalogin.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A proxy response as an entry class wrote it, read strictly: valid UTF-8, JSON, exactly the four proxy response
 * fields with their types. Also the strict JSON parser the fuzzers judge every text by.
 */
record ProxyAnswer(int status, Map<String, String> headers, String body, boolean base64, String written) {

    static final Set<String> FIELDS = Set.of("statusCode", "headers", "body", "isBase64Encoded");

    /**
     * RFC 8259 and nothing more (Jackson's defaults, no trailing tokens, no size limits but nesting): the judge of
     * whether a text is JSON, against which our own reader is held.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads the handler's output, failing the test on anything but a well-formed proxy response. */
    static ProxyAnswer read(byte[] output, String where) {
        assertTrue(isUtf8(output), where + ": the answer is not UTF-8");
        String text = new String(output, StandardCharsets.UTF_8);
        JsonNode json = strictJson(text);
        assertNotNull(json, where + ": the answer is not JSON: " + output.length + " bytes");
        assertTrue(json.isObject(), where + ": the answer is not a JSON object");
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(FIELDS, fields, where + ": proxy response fields");
        assertTrue(json.get("statusCode").isInt(), where + ": statusCode is not an int");
        assertTrue(json.get("headers").isObject(), where + ": headers is not an object");
        assertTrue(json.get("body").isTextual(), where + ": body is not a string");
        assertTrue(json.get("isBase64Encoded").isBoolean(), where + ": isBase64Encoded is not a boolean");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            assertTrue(header.getValue().isTextual(), where + ": header " + header.getKey() + " is not a string");
            headers.put(header.getKey(), header.getValue().asText());
        }
        return new ProxyAnswer(json.get("statusCode").intValue(), headers, json.get("body").asText(),
                json.get("isBase64Encoded").booleanValue(), text);
    }

    /** Everything the caller gets, as text. */
    String everything() {
        return status + " " + headers + " " + body + " " + written;
    }

    /**
     * Everything the caller gets but the {@code person} of a JSON login or of the home page: that one is what an
     * authorizer vouched for, and a login (or the list of a person's environments) is meant to say whom it is for.
     */
    String everythingButPerson() {
        String signedInAs = "<p>Signed in as <strong>";
        int at = body.indexOf(signedInAs);
        if (body.startsWith("<!doctype html>") && at > 0) {
            // The home page names the vouched person, escaped: nothing in it can close the element early.
            return status + " " + headers + " " + body.substring(0, at) + body.substring(body.indexOf("</strong>",
                    at) + "</strong>".length());
        }
        JsonNode json = bodyJson();
        if (!(json instanceof ObjectNode object) || !object.has("person")) {
            return everything();
        }
        return status + " " + headers + " " + object.deepCopy().without("person");
    }

    /** The body as JSON when the answer says it is JSON, else null. */
    JsonNode bodyJson() {
        if (!headers.getOrDefault("Content-Type", "").startsWith("application/json")) {
            return null;
        }
        try {
            return STRICT.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("a JSON answer that does not parse: " + body.length() + " chars", e);
        }
    }

    /** The error code of a JSON error answer, else null. */
    String errorCode() {
        JsonNode json = bodyJson();
        return json == null ? null : json.path("error").path("code").asText(null);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** What a strict RFC 8259 parser makes of the text, or null when it is not JSON. */
    static JsonNode strictJson(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException notJson) {
            return null;
        }
    }
}

package dev.mwaalogin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object root = JsonReader.parse(" {\"s\":\"x\",\"n\":-12.5e+3,\"t\":true,\"f\":false,\"z\":null,"
                + "\"a\":[1,\"two\",[],{}],\"o\":{\"k\":\"v\"}} ");
        assertEquals("x", JsonReader.text(root, "s"));
        assertEquals(new JsonReader.JsonNumber("-12.5e+3"), JsonReader.object(root).get("n"));
        assertEquals(Boolean.TRUE, JsonReader.object(root).get("t"));
        assertEquals(Boolean.FALSE, JsonReader.object(root).get("f"));
        assertTrue(JsonReader.object(root).containsKey("z"));
        assertNull(JsonReader.object(root).get("z"));
        assertEquals(Arrays.asList(new JsonReader.JsonNumber("1"), "two", List.of(), Map.of()),
                JsonReader.array(root, "a"));
        assertEquals("v", JsonReader.text(root, "o", "k"));
    }

    @Test
    void decodesEscapes() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t A é 😀",
                JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041 \\u00e9 \\ud83d\\ude00\""));
    }

    @Test
    void pathsThroughTheWrongTypeGiveNothing() {
        Object root = JsonReader.parse("{\"a\":{\"b\":5},\"c\":\"text\",\"d\":[\"x\"]}");
        assertNull(JsonReader.text(root, "a", "b"));
        assertNull(JsonReader.text(root, "c", "x"));
        assertNull(JsonReader.text(root, "missing", "x"));
        assertEquals(Map.of(), JsonReader.object(root, "c"));
        assertNull(JsonReader.array(root, "a"));
        assertNull(JsonReader.text("not an object", "a"));
        assertEquals(List.of("x"), JsonReader.array(root, "d"));
    }

    @Test
    void theLastOfRepeatedKeysWins() {
        assertEquals("2", JsonReader.text(JsonReader.parse("{\"k\":\"1\",\"k\":\"2\"}"), "k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "\"open",
        "\"ctl\u0001\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "01", "-", "1.", "1e", "+1", "tru", "nulls",
        "{} x", "[1] [2]", "NaN"})
    void rejectsWhatIsNotJson(String text) {
        JsonReader.MalformedJson error = assertThrows(JsonReader.MalformedJson.class, () -> JsonReader.parse(text));
        assertTrue(error.getMessage().matches("[a-z '\\\\u{}:]+ at offset \\d+"), error.getMessage());
    }

    @Test
    void boundsNesting() {
        assertEquals(List.of(), JsonReader.parse("[".repeat(64) + "]".repeat(64)) instanceof List
                ? List.of() : null);
        assertThrows(JsonReader.MalformedJson.class, () -> JsonReader.parse("[".repeat(100_000)));
        assertThrows(JsonReader.MalformedJson.class, () -> JsonReader.parse("{\"a\":".repeat(66) + "1"
                + "}".repeat(66)));
    }

    @Test
    void errorsNeverQuoteTheInput() {
        JsonReader.MalformedJson error = assertThrows(JsonReader.MalformedJson.class,
                () -> JsonReader.parse("{\"secret-token-abc\": oops}"));
        assertFalse(error.getMessage().contains("secret"), error.getMessage());
    }
}

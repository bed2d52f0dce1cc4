package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    void writesAndReadsBack() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", "quote \" backslash \\ newline \n tab \t <tag> & \u0001");
        fields.put("count", 42L);
        fields.put("ratio", 0.5);
        fields.put("yes", true);
        fields.put("no", false);
        fields.put("nothing", null);
        String json = MiniJson.object(fields);
        assertEquals(fields, MiniJson.parseFlatObject(json));
    }

    @Test
    void markupCannotEscapeIntoAPage() {
        assertEquals("\"\\u003c/script\\u003e\"", MiniJson.string("</script>"));
    }

    @Test
    void nestedMapsAreWritten() {
        assertEquals("{\"a\":{\"b\":1}}", MiniJson.object(Map.of("a", Map.of("b", 1))));
    }

    @Test
    void readsWhitespaceAndEscapes() {
        assertEquals(Map.of("k", "é\n"), MiniJson.parseFlatObject(" {\n \"k\" : \"\\u00e9\\n\" }\n"));
        assertEquals(Map.of(), MiniJson.parseFlatObject("{}"));
    }

    @Test
    void refusesWhatItDoesNotRead() {
        for (String bad : new String[] {"", "[]", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1", "{\"a\":1} x",
                "{\"a\":\"open}", "{a:1}"}) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parseFlatObject(bad), bad);
        }
    }
}

package dev.mwaalogin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mwaalogin.internal.JsonReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request body goes to MWAA as the same JSON, and Airflow's answer comes back as the same JSON. */
class MwaaRestApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"conf\":{\"day\":\"2026-01-31\",\"n\":[1,2.5,-3e2,true,false,null]}}",
        "{\"logical_date\":null,\"note\":\"\\u00e9 \\\"quoted\\\" \\\\ \\n\"}",
        "{\"big\":12345678901234567890123,\"small\":1.0E-12}", "{\"a\":{\"b\":{\"c\":[[],{}]}}}"})
    void jsonSurvivesTheRoundTripThroughAnSdkDocument(String json) {
        String back = MwaaRestApi.json(MwaaRestApi.document(JsonReader.parse(json)));
        assertEquals(normalized(json), normalized(back));
    }

    /** The same JSON value however it was written (numbers by value): parsed, then printed in one way. */
    private static String normalized(String json) {
        return canonical(JsonReader.parse(json));
    }

    private static String canonical(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            new java.util.TreeMap<>(map).forEach((k, v) -> out.append(k).append(':').append(canonical(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof java.util.List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(item -> out.append(canonical(item)).append(','));
            return out.append(']').toString();
        }
        if (value instanceof JsonReader.JsonNumber number) {
            return new java.math.BigDecimal(number.text()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}

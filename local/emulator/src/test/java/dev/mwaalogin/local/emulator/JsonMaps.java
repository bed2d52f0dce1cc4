package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** JSON answers as maps for assertions: whole numbers as {@link Long}. */
final class JsonMaps {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonMaps() {
    }

    /** @throws IllegalArgumentException when the text is not one JSON object */
    static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> object = JSON.readValue(json, new TypeReference<>() { });
            if (object == null) {
                throw new IllegalArgumentException("null, not an object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}

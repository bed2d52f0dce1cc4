package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.internal.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample events in {@code events/} (API Gateway's own shape, both payload versions) read two ways: by the
 * function's reader, as its entry classes read them, and by the Lambda runtime's serializer into the typed event
 * classes the handlers used to take. Both must come to the same {@link LoginRequest}, derived from the typed event by
 * the rules FuzzIT's cross-check uses ({@link FuzzIT#fromModel}).
 */
class EventModelIT {

    private static final Path EVENTS = Path.of("").toAbsolutePath().getParent().resolve("events");
    private static final ClassLoader LOADER = EventModelIT.class.getClassLoader();

    static List<String> events() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("env.json")).sorted().toList();
            assertTrue(names.size() >= 9, "events: " + names);
            return names;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void ourReaderExtractsWhatTheRuntimesEventModelHolds(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(EVENTS.resolve(name));
        Object ours = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
        JsonNode sent = new ObjectMapper().readTree(bytes);
        FuzzIT.Accept accept = new FuzzIT.Accept();
        LoginRequest expected;
        LoginRequest actual;
        if (name.startsWith("rest-")) {
            APIGatewayProxyRequestEvent model = LambdaEventSerializers
                    .serializerFor(APIGatewayProxyRequestEvent.class, LOADER).fromJson(new ByteArrayInputStream(bytes));
            expected = FuzzIT.fromModel(model, sent, accept);
            actual = RestApiHandler.loginRequest(ours);
        } else {
            APIGatewayV2HTTPEvent model = LambdaEventSerializers
                    .serializerFor(APIGatewayV2HTTPEvent.class, LOADER).fromJson(new ByteArrayInputStream(bytes));
            expected = FuzzIT.fromModel(model, sent, accept);
            actual = HttpApiHandler.loginRequest(ours);
        }
        assertEquals(expected, actual, name);
        // Real events are unambiguous, and agreement on nothing would prove nothing: each names a method, a route
        // and one Accept header.
        assertTrue(accept.candidates.size() == 1, name + ": Accept " + accept.candidates);
        assertNotNull(actual.method(), name);
        assertNotNull(actual.path(), name);
    }
}

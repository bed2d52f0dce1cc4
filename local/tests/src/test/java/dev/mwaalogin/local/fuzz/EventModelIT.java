package dev.mwaalogin.local.fuzz;

import dev.mwaalogin.local.template.TemplateFixtures;
import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.fuzz.FuzzEvent.Entry;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.lambda.ProxyEvents;
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
 * function ({@code JsonReader}, then {@code ProxyEvents}), as its stream handlers read them, and by the Lambda
 * runtime's serializer into the event library's typed classes. The two events must be equal, with no rewrite of any
 * kind ({@link RuntimeLeniency} finds nothing to rewrite in them), and so must the {@link LoginRequest}s the entry
 * class maps them to.
 */
class EventModelIT {

    private static final Path EVENTS = TemplateFixtures.ROOT.resolve("events");

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
    void ourEventIsExactlyTheRuntimesTypedEvent(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(EVENTS.resolve(name));
        Entry entry = name.startsWith("rest-") ? Entry.REST : Entry.HTTP;
        Object json = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
        Object ours = entry == Entry.HTTP ? ProxyEvents.httpApiEvent(json) : ProxyEvents.restApiEvent(json);
        RuntimeModel.Reading theirs = RuntimeModel.read(entry, bytes);
        assertTrue(theirs.accepted(), name + ": the runtime refuses it");
        assertNull(RuntimeLeniency.rewrite(json, EventSchema.of(ours.getClass()), new Counts()),
                name + ": a sample event with a JSON type API Gateway does not send");

        assertEquals(theirs.event(), ours, name);
        LoginRequest request = (LoginRequest) EventReaderCrossCheckIT.loginRequest(entry, ours);
        assertEquals(EventReaderCrossCheckIT.loginRequest(entry, theirs.event()), request, name);
        // Agreement on nothing would prove nothing: each names a method, a route, and API Gateway's request id.
        assertNotNull(request.method(), name);
        assertNotNull(request.path(), name);
        assertNotNull(request.gateway().requestId(), name);
    }
}

package dev.mwaalogin.local.fuzz;

import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.fuzz.FuzzEvent.Entry;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.lambda.ProxyEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Holds the function's event reading against the Lambda runtime's, for every generated event ({@link FuzzEvent}):
 * <ul>
 *   <li>our reader ({@code JsonReader}) accepts exactly what a strict RFC 8259 parser accepts, up to its nesting
 *       bound of 64;
 *   <li>whenever the runtime's serializer deserialises the bytes into {@code APIGatewayV2HTTPEvent} (resp.
 *       {@code APIGatewayProxyRequestEvent}), the event {@code ProxyEvents} fills from our reading equals the
 *       runtime's typed event: exactly, where the JSON has the types API Gateway sends; otherwise the runtime's
 *       reading of the JSON after {@link RuntimeLeniency}'s rewrite, each rule counted;
 *   <li>the entry class maps both to the same {@link LoginRequest}.
 * </ul>
 * Not compared, and counted: bytes that are not UTF-8 (the two sides decode them differently; RFC 8259 requires
 * UTF-8), text the runtime's lenient Jackson reads but that is not JSON (we answer 400), and events the runtime
 * refuses (the invocation fails before any handler runs), among them JWT claims holding JSON arrays of several
 * values, which the function keeps as JSON text.
 */
class EventReaderCrossCheckIT {

    private static final Counts COUNTS = new Counts();
    private static final EventSchema HTTP_SCHEMA = EventSchema.of(APIGatewayV2HTTPEvent.class);
    private static final EventSchema REST_SCHEMA = EventSchema.of(APIGatewayProxyRequestEvent.class);

    @AfterContainer
    static void report() {
        COUNTS.print("EventReaderCrossCheckIT");
    }

    @Provide
    Arbitrary<FuzzEvent> events() {
        return FuzzEvent.arbitrary();
    }

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void ourEventEqualsTheRuntimesTypedEvent(@ForAll("events") FuzzEvent event) {
        byte[] bytes = event.bytes();
        Entry entry = event.entry();
        COUNTS.add("event " + entry);
        String text = new String(bytes, StandardCharsets.UTF_8); // as the stream handlers decode it
        Object ours = null;
        String problem = null;
        try {
            ours = JsonReader.parse(text);
        } catch (JsonReader.MalformedJson unreadable) {
            problem = unreadable.getMessage();
        }
        boolean readable = problem == null;
        JsonNode strict = ProxyAnswer.strictJson(text);
        if (!readable && problem.startsWith("nested too deeply")) {
            COUNTS.add("not compared: nested deeper than our reader's bound");
        } else {
            assertEquals(strict != null, readable, "our reader and a strict JSON parser disagree on whether this is "
                    + "JSON: " + (readable ? "we read it" : problem));
        }
        if (!ProxyAnswer.isUtf8(bytes)) {
            COUNTS.add("not compared: not UTF-8");
            return;
        }
        RuntimeModel.Reading theirs = RuntimeModel.read(entry, bytes);
        boolean wellFormed = event.shape().equals("JSON");
        if (!theirs.accepted()) {
            COUNTS.add("not compared: the runtime refuses the event: " + theirs.refusal());
            assertTrue(!wellFormed || hasArrayClaim(event, 2), "the runtime refuses a well-formed event");
            return;
        }
        if (!readable) {
            COUNTS.add("not compared: the runtime takes what is not JSON (we answer 400)");
            return;
        }
        Object ourEvent = entry == Entry.HTTP ? ProxyEvents.httpApiEvent(ours) : ProxyEvents.restApiEvent(ours);
        Object rewritten = RuntimeLeniency.rewrite(ours, entry == Entry.HTTP ? HTTP_SCHEMA : REST_SCHEMA, COUNTS);
        Object expected = theirs.event();
        if (rewritten == null) {
            COUNTS.add("compared exactly");
        } else {
            COUNTS.add("compared after a rewrite");
            assertTrue(!wellFormed || hasArrayClaim(event, 0), "a well-formed event needed a rewrite");
            RuntimeModel.Reading again = RuntimeModel.read(entry,
                    RuntimeLeniency.write(rewritten).getBytes(StandardCharsets.UTF_8));
            assertTrue(again.accepted(), "the runtime refuses the rewritten event");
            expected = again.event();
            if (!Objects.equals(loginRequest(entry, theirs.event()), loginRequest(entry, expected))) {
                COUNTS.add("compared after a rewrite that changed the LoginRequest");
            }
        }
        assertEquals(expected, ourEvent, entry + ": ProxyEvents and the runtime's typed event differ");
        assertEquals(loginRequest(entry, expected), loginRequest(entry, ourEvent),
                entry + ": the LoginRequests differ");
    }

    /** The entry classes whose mapping of events is compared; only their mapping is used. */
    private static final FuzzDeployment MAPPING = FuzzDeployment.mwaaHostname();

    /** The request the entry class maps an event to, or the exception it gives up with (answered 400). */
    static Object loginRequest(Entry entry, Object event) {
        try {
            return entry == Entry.HTTP ? MAPPING.http().request((APIGatewayV2HTTPEvent) event)
                    : MAPPING.rest().request((APIGatewayProxyRequestEvent) event);
        } catch (RuntimeException unreadable) {
            return unreadable.getClass().getName();
        }
    }

    /** Whether an HTTP API event's JWT claims hold a JSON array of at least so many values. */
    private static boolean hasArrayClaim(FuzzEvent event, int atLeast) {
        FuzzInputs.Vouched vouched = event.spec().vouched;
        return event.entry() == Entry.HTTP && vouched != null && vouched.claims() != null && event.spec().context
                && vouched.claims().values().stream()
                        .anyMatch(value -> value instanceof List<?> list && list.size() >= atLeast);
    }
}

package dev.mwaalogin.local.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.mwaalogin.local.fuzz.FuzzEvent.Entry;
import java.io.ByteArrayInputStream;

/**
 * The Lambda runtime's own deserialisation into the event library's typed events: what a handler that takes
 * {@code APIGatewayV2HTTPEvent} or {@code APIGatewayProxyRequestEvent} would be given for the same bytes.
 */
final class RuntimeModel {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> HTTP =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, RuntimeModel.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REST = LambdaEventSerializers
            .serializerFor(APIGatewayProxyRequestEvent.class, RuntimeModel.class.getClassLoader());

    static {
        disableInterning();
    }

    // The runtime's shaded Jackson offers no other way to turn interning off than this deprecated switch.
    @SuppressWarnings("deprecation")
    private static void disableInterning() {
        // Jackson interns field names in a table shared by all parses and copied whenever a parse adds a name; the
        // fuzzers' thousands of random header names made that copy most of the run's time. Interning changes no
        // value read.
        JacksonFactory.getInstance().getMapper().getFactory()
                .disable(com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonFactory.Feature
                        .CANONICALIZE_FIELD_NAMES);
    }

    private RuntimeModel() {
    }

    /**
     * What the runtime made of the bytes.
     *
     * @param accepted whether it deserialised them at all (a refusal fails the invocation before any handler runs)
     * @param event    the typed event; null when accepted as JSON {@code null}, {@code ""} or {@code []}
     * @param refusal  why it refused them, in a word or two; null when accepted
     */
    record Reading(boolean accepted, Object event, String refusal) {
    }

    /** The kind of a refusal: Jackson's exception class and the start of its message, without the values in it. */
    private static String kind(Throwable refused) {
        Throwable cause = refused.getCause() == null ? refused : refused.getCause();
        String message = String.valueOf(cause.getMessage()).split("\n", 2)[0];
        String kind = message.replaceAll("`[^`]*`", "T").replaceAll("\"[^\"]*\"|'[^']*'", "…").split(" ?[(:]", 2)[0];
        return cause.getClass().getSimpleName() + ": " + kind;
    }

    static Reading read(Entry entry, byte[] bytes) {
        try {
            return new Reading(true, (entry == Entry.HTTP ? HTTP : REST).fromJson(new ByteArrayInputStream(bytes)),
                    null);
        } catch (RuntimeException | StackOverflowError refused) {
            return new Reading(false, null, kind(refused));
        }
    }
}

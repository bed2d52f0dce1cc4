package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import dev.mwaalogin.internal.Priming;
import java.util.function.Function;

/**
 * What both entry classes share: the one {@link LoginService} of the execution environment, and the guard that turns
 * a payload the entry class cannot map into an answer instead of an exception.
 */
final class Entry {

    private static LoginService shared;

    private Entry() {
    }

    /**
     * The execution environment's service, built by the first handler Lambda constructs, with the warm-up SnapStart
     * runs before its snapshot. A configuration error propagates as the configuration's own message
     * ("MWAA_TIMEOUT_MS must be ..."), which Lambda reports as the init error.
     *
     * @param warmUp given the service, what to run before the snapshot: the whole request path once, against
     *               in-memory answers ({@link LoginService#forPriming()})
     */
    static synchronized LoginService shared(Function<LoginService, Priming.Action> warmUp) {
        if (shared == null) {
            LoginService service = LoginService.create(Config.fromEnvironment());
            Priming.beforeSnapshot(warmUp.apply(service));
            shared = service;
        }
        return shared;
    }

    /**
     * Maps a payload to a {@link LoginRequest} and has the service decide; a payload that cannot be mapped (not
     * JSON, not an event) is answered as such. Never throws.
     */
    static <E, R> R answer(LoginService service, E payload, Function<E, LoginRequest> reader,
                           Function<LoginResponse, R> writer, Context context) {
        LoginRequest request;
        try {
            request = reader.apply(payload);
        } catch (RuntimeException unreadable) {
            return writer.apply(service.unreadableEvent(context));
        }
        return writer.apply(service.handle(request, context));
    }
}

package dev.mwaalogin.lambda;

import dev.mwaalogin.Config;
import dev.mwaalogin.Invocation;
import dev.mwaalogin.LoginResponse;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.priming.BeforeSnapshot;
import dev.mwaalogin.priming.Priming;
import dev.mwaalogin.request.LoginRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * The one path every request takes, whichever API Gateway flavour sent it: read the event, map it to a
 * {@link LoginRequest}, have the {@link LoginService} answer, write the answer. A flavour ({@link HttpApiHandler},
 * {@link RestApiHandler}) only says how its event and its response look.
 *
 * <p>A stream handler that fills the event type itself ({@link ProxyEvents}) rather than leaving it to the runtime's
 * reflective mapping, which costs a cold start a few hundred classes; {@link #handle} is the typed entry.
 *
 * @param <E> the flavour's event type
 * @param <R> the flavour's response type
 */
public abstract class ProxyHandler<E, R> implements RequestStreamHandler {

    /** The execution environment's one service, built by the first handler Lambda constructs. */
    private static LoginService production;

    private final LoginService service;

    protected ProxyHandler(LoginService service) {
        this.service = service;
    }

    /**
     * The execution environment's service, read from its variables once, with SnapStart's priming registered beside
     * it (a handler of the same flavour over a primed twin, built only if a snapshot is taken). A configuration error
     * propagates as the configuration's own message ("MWAA_TIMEOUT_MS must be ..."), which Lambda reports as the
     * init error.
     *
     * @param flavour  the flavour's priming events ({@link Priming#HTTP_API}, {@link Priming#REST_API})
     * @param handlers the flavour's handler over a given service
     */
    static synchronized LoginService production(String flavour,
                                                Function<LoginService, RequestStreamHandler> handlers) {
        if (production == null) {
            production = LoginService.builder(Config.fromEnvironment()).build();
            BeforeSnapshot.register(System.getenv(), flavour, handlers);
        }
        return production;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation invocation = invocation(context);
        LoginRequest request;
        try {
            request = request(event(ProxyEvents.readJson(input)));
        } catch (RuntimeException unreadable) {
            request = null;
        }
        LoginResponse answer = request == null ? service.answerUnreadable(invocation)
                : service.answer(request, invocation);
        write(response(answer), output);
    }

    /** Handles one event of the flavour's type; never throws. */
    public final R handle(E event, Context context) {
        Invocation invocation = invocation(context);
        LoginRequest request;
        try {
            request = request(event);
        } catch (RuntimeException unreadable) {
            request = null;
        }
        return response(request == null ? service.answerUnreadable(invocation) : service.answer(request, invocation));
    }

    /** The flavour's event, read from the invocation's JSON; throws when the JSON is not such an event. */
    protected abstract E event(Object json);

    /** The parts of the event that decide a login. */
    public abstract LoginRequest request(E event);

    /** The answer as the flavour's response. */
    protected abstract R response(LoginResponse answer);

    /** Writes the flavour's response as the invocation's JSON. */
    protected abstract void write(R response, OutputStream output) throws IOException;

    private static Invocation invocation(Context context) {
        return context == null ? Invocation.withoutContext() : Invocation.begin(context.getAwsRequestId(),
                context.getInvokedFunctionArn(), context.getRemainingTimeInMillis(), context.getLogger());
    }
}

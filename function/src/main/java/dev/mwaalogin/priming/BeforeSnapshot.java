package dev.mwaalogin.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mwaalogin.LoginService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's hook: runs {@link Priming} once, just before Lambda takes the snapshot. Outside SnapStart no checkpoint
 * happens and it never runs. Its own class so that every cold start, which registers it, loads neither priming nor
 * what priming touches (the sign-in classes a function without sign-in never needs).
 */
public final class BeforeSnapshot implements Resource {

    /** CRaC holds resources only weakly; this keeps every registered hook alive for the process's life. */
    private static final List<BeforeSnapshot> REGISTERED = new ArrayList<>();

    private final Map<String, String> environment;
    private final String flavour;
    private final Function<LoginService, RequestStreamHandler> handlers;

    private BeforeSnapshot(Map<String, String> environment, String flavour,
                           Function<LoginService, RequestStreamHandler> handlers) {
        this.environment = environment;
        this.flavour = flavour;
        this.handlers = handlers;
    }

    /**
     * Registers the warm-up; builds nothing until a snapshot is taken.
     *
     * @param environment the function's variables
     * @param flavour     {@link Priming#HTTP_API} or {@link Priming#REST_API}: which events
     * @param handlers    the flavour's handler over a given service
     */
    public static synchronized void register(Map<String, String> environment, String flavour,
                                             Function<LoginService, RequestStreamHandler> handlers) {
        BeforeSnapshot hook = new BeforeSnapshot(Map.copyOf(environment), flavour, handlers);
        REGISTERED.add(hook);
        Core.getGlobalContext().register(hook);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        Priming.run(environment, flavour, handlers);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming used in-memory answers and fake credentials, the real ones were never touched.
    }
}

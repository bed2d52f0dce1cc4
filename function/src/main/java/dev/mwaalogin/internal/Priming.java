package dev.mwaalogin.internal;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a warm-up once, just before Lambda takes the SnapStart snapshot, so the snapshot already holds the loaded and
 * initialised classes of the whole request path. Outside SnapStart no checkpoint happens and it never runs.
 */
public final class Priming implements Resource {

    /** The work to do before the snapshot. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Action action;

    private Priming(Action action) {
        this.action = action;
    }

    /**
     * Registers a warm-up with the CRaC global context.
     *
     * @return the registered resource; keep it in a static field, since the context holds it only weakly
     */
    public static Priming register(Action action) {
        Priming priming = new Priming(action);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        action.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming used a fake client and fake credentials, the real ones were never touched.
    }
}

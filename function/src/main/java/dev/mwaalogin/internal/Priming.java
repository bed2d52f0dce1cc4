package dev.mwaalogin.internal;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a warm-up once, just before Lambda takes the SnapStart snapshot, so the snapshot already holds the loaded and
 * initialised classes of the whole request path. Outside SnapStart no checkpoint happens and it never runs.
 */
public final class Priming implements Resource {

    private final Runnable warmUp;

    private Priming(Runnable warmUp) {
        this.warmUp = warmUp;
    }

    /**
     * Registers a warm-up with the CRaC global context.
     *
     * @return the registered resource; keep it in a static field, since the context holds it only weakly
     */
    public static Priming register(Runnable warmUp) {
        Priming priming = new Priming(warmUp);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warmUp.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming used a fake client and fake credentials, the real ones were never touched.
    }
}

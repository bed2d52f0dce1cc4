package dev.mwaalogin.internal;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** CRaC holds resources only weakly; this keeps every registered warm-up alive for the process's life. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final Action action;

    private Priming(Action action) {
        this.action = action;
    }

    /** Registers a warm-up to run before the snapshot. */
    public static synchronized Priming beforeSnapshot(Action action) {
        Priming priming = new Priming(action);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Sends each event through a handler as Lambda would, without a context; returns the answers. */
    public static List<String> run(RequestStreamHandler handler, List<String> events) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String event : events) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, null);
            answers.add(answer.toString(StandardCharsets.UTF_8));
        }
        return answers;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        action.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming used in-memory answers and fake credentials, the real ones were never touched.
    }
}

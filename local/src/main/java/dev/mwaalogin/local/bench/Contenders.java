package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.image.AotImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cold contenders of one run, in the order they are added, which is the order each round runs them: every round
 * runs each once, so a busy moment on the machine hits all alike, and a contender added right after the one it is
 * compared with meets nearly the same moment. Each adds its figures to the round's {@link Samples} under its names.
 */
final class Contenders {

    /** One cold contender: runs once and adds what it measured. */
    @FunctionalInterface
    interface Contender {
        void runOnce(Samples samples) throws IOException;
    }

    private final List<Contender> all = new ArrayList<>();

    /**
     * Today's default configuration under the runtime client, which the runtime-client rows compare with.
     *
     * @param suffix appended to every sample's name: empty for this checkout, {@link #BEFORE} for an
     *               {@link EarlierBuild}'s twin, added right after this one
     */
    Contenders runtimeClient(ColdPaths cold, String suffix) {
        all.add(samples -> {
            ColdPaths.FunctionRun run = expect(302, cold.function());
            samples.add("cold" + suffix, run.totalMs());
            samples.add("init" + suffix, run.initMs());
            samples.add("invoke" + suffix, run.invokeMs());
            samples.add("rss" + suffix, run.peakRssKib() / 1024.0);
        });
        return this;
    }

    /** The suffix of an earlier build's samples ({@code own@before}). */
    static final String BEFORE = "@before";

    /** Today's default configuration, the zip's own cold path: the first row, which the zip rows compare with. */
    Contenders own(ColdPaths cold, Path eventFile, String suffix) {
        all.add(samples -> samples.add("own" + suffix, cold.functionOwn(eventFile)));
        return this;
    }

    /**
     * The baselines: the image (if trained) with and without its cache, boto3, the CLI, the floor and, if an
     * archive was written, the zip path with AppCDS.
     *
     * @param image   null without a JDK 25
     * @param withCds the variable that makes the zip path use this machine's AppCDS archive, or null
     */
    Contenders baselines(ColdPaths cold, Baselines baselines, Path script, AotImage image,
                         Map<String, String> withCds) {
        if (image != null) {
            all.add(samples -> {
                ColdPaths.FunctionRun run = expect(302, cold.image(image.taskRoot(), image.command()));
                samples.add("image", run.totalMs());
                samples.add("imageInit", run.initMs());
                samples.add("imageInvoke", run.invokeMs());
                samples.add("imageRss", run.peakRssKib() / 1024.0);
            });
        }
        all.add(samples -> samples.add("boto3", baselines.boto3(script)));
        all.add(samples -> samples.add("cli", baselines.awsCli()));
        all.add(samples -> samples.add("floor", baselines.floor()));
        if (withCds != null) {
            all.add(samples -> samples.add("cds", expect(302, cold.function(withCds)).totalMs()));
        }
        if (image != null) {
            all.add(samples -> samples.add("imageNoCache", expect(302, cold.image(image.taskRoot(),
                    image.commandWithoutCache())).totalMs()));
        }
        return this;
    }

    /** Per-person identity: the zip's own cold path with a role mapping. */
    Contenders identity(ColdPaths cold, FunctionSetup mapped, Path eventFile, String suffix) {
        all.add(samples -> samples.add("mapped" + suffix, cold.functionOwn(mapped, eventFile, List.of())));
        return this;
    }

    /** Event types: under the runtime client with the typed handler, whose event the runtime maps. */
    Contenders eventTypes(ColdPaths cold, FunctionSetup typed) {
        all.add(samples -> {
            ColdPaths.FunctionRun run = expect(302, cold.function(typed));
            samples.add("typed", run.totalMs());
            samples.add("typedInit", run.initMs());
            samples.add("typedInvoke", run.invokeMs());
        });
        return this;
    }

    /** Browser sign-in off: the zip's own cold path of the default configuration without the sign-in code. */
    Contenders withoutSignIn(ColdPaths cold, FunctionSetup withoutSignIn, Path eventFile) {
        all.add(samples -> samples.add("ownWithoutSignIn", cold.functionOwn(withoutSignIn, eventFile, List.of())));
        return this;
    }

    /**
     * Browser sign-in: a cold function configured for it (its first /login, then the first callback; a first
     * bearer-token login).
     */
    Contenders signIn(SignInRuns signIn, String suffix) {
        all.add(samples -> {
            SignInRuns.ColdLogin run = signIn.coldLogin();
            samples.add("signInLogin" + suffix, run.totalMs());
            samples.add("signInInit" + suffix, run.initMs());
            samples.add("signInFirstCallback" + suffix, run.firstCallbackMs());
        });
        all.add(samples -> samples.add("signInBearer" + suffix, signIn.coldBearer()));
        return this;
    }

    /** Runs every contender once, in order. */
    void round(Samples samples) throws IOException {
        for (Contender contender : all) {
            contender.runOnce(samples);
        }
    }

    int size() {
        return all.size();
    }

    static ColdPaths.FunctionRun expect(int status, ColdPaths.FunctionRun run) {
        if (run.status() != status) {
            throw new IllegalStateException("the function answered " + run.status() + ", not " + status);
        }
        return run;
    }
}

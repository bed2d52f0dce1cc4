package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.image.AotImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cold contenders of one run, in the order {@link ColdRows} gives, which is the order each round runs them:
 * every round runs each once, so a busy moment on the machine hits all alike, and each run compared with another
 * runs right next to it. Each adds its figures to the round's {@link Samples} under its names, followed by its run's
 * suffix ({@code own#2}, {@code cold@before}).
 */
final class Contenders {

    /** One cold contender: runs once and adds what it measured. */
    @FunctionalInterface
    interface Contender {
        void runOnce(Samples samples) throws IOException;
    }

    /**
     * What the rows run with; null where a row is not measured.
     *
     * @param cold          today's build in today's configuration
     * @param before        the earlier build's twin of {@code cold} ({@code -Dbench.against}), or null
     * @param eventFile     the event every zip row answers
     * @param mapped        per-person identity: today's build and its earlier twin, or null
     * @param withoutSignIn the default configuration without the sign-in code in the task root
     * @param typed         the typed handler's setup
     * @param signIn        browser sign-in: today's build and its earlier twin, or null
     * @param baselines     boto3, the CLI, the floor
     * @param boto3Script   the boto3 script's file
     * @param image         the container image, or null without a JDK 25
     * @param withCds       the variable that makes the zip path use this machine's AppCDS archive, or null
     * @param java25        the managed java25 model, or null
     * @param java25Cached  the same with the function's classes in its cache (an experiment), or null
     * @param imageSignIn   browser sign-in started with the image's command, or null
     * @param imageFloor    the image's command with an empty handler ({@link RuntimeClientOnly}), or null
     */
    record Runners(ColdPaths cold, ColdPaths before, Path eventFile, Twins<FunctionSetup> mapped,
                   FunctionSetup withoutSignIn, FunctionSetup typed, Twins<SignInRuns> signIn, Baselines baselines,
                   Path boto3Script, AotImage image, Map<String, String> withCds, ManagedJava25 java25,
                   ManagedJava25 java25Cached, SignInRuns imageSignIn, List<String> imageFloor) {
    }

    /** A row's runner for this build and, with {@code -Dbench.against}, for the earlier one (else null). */
    record Twins<T>(T now, T before) {
    }

    private final List<String> names = new ArrayList<>();
    private final List<Contender> all = new ArrayList<>();

    /** The rows of {@code plan}, in its order, each with its runner. */
    Contenders(ColdRows plan, Runners runners) {
        for (String run : plan.order()) {
            names.add(run);
            all.add(contender(ColdRows.row(run), ColdRows.suffix(run), runners));
        }
    }

    private static Contender contender(String row, String suffix, Runners r) {
        boolean earlier = suffix.equals(ColdRows.BEFORE);
        ColdPaths cold = earlier ? r.before() : r.cold();
        return switch (row) {
            case "cold" -> samples -> runtimeClient(samples, expect(302, cold.function()), "cold", "init", "invoke",
                    "rss", "coldCpu", suffix);
            case "own" -> samples -> samples.add("own" + suffix, cold.functionOwn(r.eventFile()));
            case "mapped" -> {
                FunctionSetup mapped = earlier ? r.mapped().before() : r.mapped().now();
                yield samples -> samples.add("mapped" + suffix, cold.functionOwn(mapped, r.eventFile(), List.of()));
            }
            case "ownWithoutSignIn" -> samples -> samples.add("ownWithoutSignIn" + suffix,
                    cold.functionOwn(r.withoutSignIn(), r.eventFile(), List.of()));
            case "typed" -> samples -> runtimeClient(samples, expect(302, cold.function(r.typed())), "typed",
                    "typedInit", "typedInvoke", null, null, suffix);
            case "signInLogin" -> {
                SignInRuns signIn = earlier ? r.signIn().before() : r.signIn().now();
                yield samples -> {
                    SignInRuns.ColdLogin run = signIn.coldLogin();
                    samples.add("signInLogin" + suffix, run.totalMs());
                    samples.add("signInInit" + suffix, run.initMs());
                    samples.add("signInFirstCallback" + suffix, run.firstCallbackMs());
                };
            }
            case "signInBearer" -> {
                SignInRuns signIn = earlier ? r.signIn().before() : r.signIn().now();
                yield samples -> samples.add("signInBearer" + suffix, signIn.coldBearer());
            }
            case "imageSignInLogin" -> samples -> {
                SignInRuns.ColdLogin run = r.imageSignIn().coldLogin();
                samples.add("imageSignInLogin" + suffix, run.totalMs());
                samples.add("imageSignInInit" + suffix, run.initMs());
                samples.add("imageSignInFirstCallback" + suffix, run.firstCallbackMs());
            };
            case "imageSignInBearer" -> samples -> samples.add("imageSignInBearer" + suffix,
                    r.imageSignIn().coldBearer());
            case "imageFloor" -> samples -> runtimeClient(samples, expect(200, cold.image(r.image().taskRoot(),
                    r.imageFloor())), "imageFloor", "imageFloorInit", "imageFloorInvoke", null, "imageFloorCpu", suffix);
            case "floor" -> samples -> samples.add("floor" + suffix, r.baselines().floor());
            case "boto3" -> samples -> samples.add("boto3" + suffix, r.baselines().boto3(r.boto3Script()));
            case "cli" -> samples -> samples.add("cli" + suffix, r.baselines().awsCli());
            case "image" -> samples -> runtimeClient(samples, expect(302, cold.image(r.image().taskRoot(),
                    r.image().command())), "image", "imageInit", "imageInvoke", "imageRss", "imageCpu", suffix);
            case "boto3OneCpu" -> samples -> samples.add("boto3OneCpu" + suffix,
                    r.baselines().boto3(r.boto3Script(), OneCpu.PREFIX));
            case "imageOneCpu" -> samples -> runtimeClient(samples, expect(302, cold.image(r.image().taskRoot(),
                    OneCpu.command(r.image().command()))), "imageOneCpu", "imageOneCpuInit", "imageOneCpuInvoke", null,
                    "imageOneCpuCpu", suffix);
            case "imageNoCache" -> samples -> samples.add("imageNoCache" + suffix, expect(302,
                    cold.image(r.image().taskRoot(), r.image().commandWithoutCache())).totalMs());
            case "cds" -> samples -> samples.add("cds" + suffix, expect(302, cold.function(r.withCds())).totalMs());
            case "zip25" -> samples -> runtimeClient(samples, expect(302, cold.java25(r.java25())), "zip25",
                    "zip25Init", "zip25Invoke", "zip25Rss", "zip25Cpu", suffix);
            case "zip25Trained" -> samples -> samples.add("zip25Trained" + suffix,
                    expect(302, cold.java25(r.java25Cached())).totalMs());
            default -> throw new IllegalArgumentException("no runner for the row " + row);
        };
    }

    /** A cold start under the runtime client: its total, init and first invoke, and (where named) RSS and CPU. */
    private static void runtimeClient(Samples samples, ColdPaths.FunctionRun run, String total, String init,
                                      String invoke, String rss, String cpu, String suffix) {
        samples.add(total + suffix, run.totalMs());
        samples.add(init + suffix, run.initMs());
        samples.add(invoke + suffix, run.invokeMs());
        if (rss != null) {
            samples.add(rss + suffix, run.peakRssKib() / 1024.0);
        }
        if (cpu != null) {
            samples.add(cpu + suffix, run.cpuMs());
        }
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

    /** The runs of a round, in order. */
    List<String> names() {
        return List.copyOf(names);
    }

    static ColdPaths.FunctionRun expect(int status, ColdPaths.FunctionRun run) {
        if (run.status() != status) {
            throw new IllegalStateException("the function answered " + run.status() + ", not " + status);
        }
        return run;
    }
}

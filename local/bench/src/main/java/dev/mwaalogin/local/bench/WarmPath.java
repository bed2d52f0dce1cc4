package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link WarmProbe} in a JVM started the way Lambda starts the function's, and returns its JSON line. */
final class WarmPath {

    private WarmPath() {
    }

    /**
     * @param roleMapping with {@code roleArns}, the per-person configuration whose hits and misses the probe also
     *                    measures; null for today's rows only
     * @param roleArn     the IAM role the probe's plain {@code assumeRole} calls assume, with the mapping
     */
    static String measure(FunctionSetup setup, Path event, int warmUp, int rounds, String roleMapping,
                          String roleArns, String roleArn) throws IOException, InterruptedException {
        return measure(setup, event, warmUp, rounds, roleMapping, roleArns, roleArn, List.of());
    }

    /** The same with more JVM options, e.g. a profiler's agent and {@code -Dwarm.only=<series>}. */
    static String measure(FunctionSetup setup, Path event, int warmUp, int rounds, String roleMapping,
                          String roleArns, String roleArn, List<String> moreJvmOptions)
            throws IOException, InterruptedException {
        return measure(Probe.current(), setup, event, warmUp, rounds, roleMapping, roleArns, roleArn, moreJvmOptions);
    }

    /**
     * The warm probe of one build: its compiled local tools and the probe's class name there.
     *
     * @param classes   a folder of classes holding the probe
     * @param className the probe's class
     */
    record Probe(Path classes, String className) {

        /** This checkout's probe. */
        static Probe current() {
            return new Probe(Path.of(WarmProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath()),
                    WarmProbe.class.getName());
        }
    }

    /** The same with another build's probe ({@link EarlierBuild}), which must run against that build's task root. */
    static String measure(Probe probe, FunctionSetup setup, Path event, int warmUp, int rounds, String roleMapping,
                          String roleArns, String roleArn, List<String> moreJvmOptions)
            throws IOException, InterruptedException {
        String classPath = TaskRoot.classPath(setup.taskRoot()) + File.pathSeparator + probe.classes();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(setup.function()));
        command.addAll(moreJvmOptions);
        command.addAll(List.of("-cp", classPath, probe.className(), event.toString(),
                Integer.toString(warmUp), Integer.toString(rounds)));
        if (roleMapping != null) {
            command.addAll(List.of(roleMapping, roleArns, roleArn));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(setup.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String last = output.lines().reduce((a, b) -> b).orElse("");
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the warm probe did not finish");
        }
        if (process.exitValue() != 0 || !last.startsWith("{\"")) {
            // Only its size: the probe's output holds the function's log lines, not for a console.
            throw new IOException("the warm probe failed: exit " + process.exitValue() + ", " + output.length()
                    + " chars of output");
        }
        return last;
    }
}

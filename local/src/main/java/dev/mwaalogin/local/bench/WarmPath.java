package dev.mwaalogin.local.bench;

import dev.mwaalogin.WarmProbe;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link WarmProbe} in a JVM started the way Lambda starts the function's, and returns its JSON line. */
final class WarmPath {

    private WarmPath() {
    }

    static String measure(Path taskRoot, Template.Function function, Map<String, String> environment, Path event,
                          int warmUp, int rounds) throws IOException, InterruptedException {
        String classPath = TaskRoot.classPath(taskRoot) + File.pathSeparator + Path.of(WarmProbe.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(function));
        command.addAll(List.of("-cp", classPath, WarmProbe.class.getName(), event.toString(),
                Integer.toString(warmUp), Integer.toString(rounds)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.startsWith("{")) {
            throw new IOException("the warm probe failed: " + output);
        }
        return output.lines().reduce((a, b) -> b).orElseThrow();
    }
}

package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another revision of the project, built beside this one ({@code -Dbench.against=<rev>}), so that a run measures
 * the function before and after a change in the same rounds: a before/after comparison made from two runs at two
 * moments measures the machine's drift as much as the change.
 *
 * @param revision the revision as given, for the report
 * @param taskRoot its function laid out as {@code sam build} lays it out
 * @param function its template's {@code LoginFunction} (its handler may have another name than today's)
 * @param probe    its own warm probe, compiled against its own function
 */
record EarlierBuild(String revision, Path taskRoot, Template.Function function, WarmPath.Probe probe) {

    /**
     * Extracts {@code revision} with {@code git archive} under {@code work} and builds it with Maven (tests skipped),
     * as {@code local/run bench} builds this checkout.
     */
    static EarlierBuild build(Path projectRoot, String revision, Path work) throws IOException, InterruptedException {
        String commit = run(projectRoot, List.of("git", "rev-parse", "--verify", revision + "^{commit}"), null)
                .strip();
        Path dir = work.resolve("against-" + commit.substring(0, 12));
        if (!Files.isDirectory(dir.resolve("function/target/lib"))) {
            Files.createDirectories(dir);
            Path archive = work.resolve("against-" + commit.substring(0, 12) + ".tar");
            run(projectRoot, List.of("git", "archive", "--format=tar", "-o", archive.toString(), commit), null);
            run(dir, List.of("tar", "-xf", archive.toString()), null);
            Files.delete(archive);
            run(dir, List.of("mvn", "-B", "-q", "-DskipTests", "-Dmaven.test.skip=true", "package"),
                    work.resolve("against-" + commit.substring(0, 12) + "-build.log"));
        }
        Template.Function function = Template.read(dir.resolve("template.yaml")).function("LoginFunction");
        return new EarlierBuild(revision, TaskRoot.assemble(dir.resolve("function")), function,
                probeIn(dir.resolve("local")));
    }

    /** The same configuration (variables) run by this build's code and handler. */
    FunctionSetup runs(FunctionSetup setup) {
        return new FunctionSetup(taskRoot, function, setup.environment());
    }

    /**
     * Its warm probe, in whichever module that revision's local tools kept it: {@code local/target/classes} before
     * local/ had modules, {@code local/bench/target/classes} since.
     */
    static WarmPath.Probe probeIn(Path local) throws IOException {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(local)) {
            found = walk.filter(p -> p.getFileName().toString().equals("WarmProbe.class")).toList();
        }
        for (Path file : found) {
            for (Path dir = file.getParent(); dir != null && dir.startsWith(local); dir = dir.getParent()) {
                if (dir.endsWith(Path.of("target", "classes"))) {
                    return probeOf(dir);
                }
            }
        }
        throw new IOException("no target/classes under " + local + " holds WarmProbe.class");
    }

    /** Its warm probe: the class named {@code WarmProbe} among its local tools, wherever that revision kept it. */
    static WarmPath.Probe probeOf(Path classes) throws IOException {
        Optional<Path> found;
        try (Stream<Path> walk = Files.walk(classes)) {
            found = walk.filter(p -> p.getFileName().toString().equals("WarmProbe.class")).findFirst();
        }
        Path file = found.orElseThrow(() -> new IOException("no WarmProbe.class under " + classes));
        String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
        return new WarmPath.Probe(classes, name.substring(0, name.length() - ".class".length()));
    }

    /** Runs a command; its output to {@code log} if given (else returned); fails with the log's name. */
    private static String run(Path dir, List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(log.toFile());
        }
        Process process = builder.start();
        String output = log == null ? new String(process.getInputStream().readAllBytes()) : "";
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed in " + dir
                    + (log != null ? ", see " + log : ": " + output.strip()));
        }
        return output;
    }
}

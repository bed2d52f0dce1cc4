package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code local/run profile}: where the cold path's main thread spends its time. Runs the benchmark's own cold path
 * ({@link ColdStart}: fresh JVM, Lambda's options, init, one {@code GET /login} against the emulator) under
 * async-profiler, then sorts the main thread's CPU samples into phases and kinds of work. Profiling slows the run,
 * so the output is shares, not milliseconds.
 */
public final class ColdProfile {

    private ColdProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Path agent = Path.of(System.getProperty("profile.agent"));
        if ("warm".equals(System.getProperty("profile.path"))) {
            WarmProfile.main(root, agent);
            return;
        }
        if ("image".equals(System.getProperty("profile.path"))) {
            ImageProfile.main(root, agent);
            return;
        }
        int runs = Integer.parseInt(System.getProperty("profile.runs", "10"));
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        Path eventFile = root.resolve("events/http-redirect.json");
        Path work = Files.createDirectories(root.resolve("local/bench/target/profile"));

        Samples main = new Samples();
        try (MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").requestLog(null).build().start()) {
            ColdPaths cold = new ColdPaths(new FunctionSetup(taskRoot, function,
                    ColdPaths.functionEnvironment(function, emulator)), Files.readString(eventFile));
            for (int i = 0; i < 3; i++) {
                cold.functionOwn(eventFile);
            }
            for (int i = 0; i < runs; i++) {
                Path stacks = work.resolve("cold-" + i + ".collapsed");
                Files.deleteIfExists(stacks);
                cold.functionOwn(eventFile, List.of("-agentpath:" + agent
                        + "=start,event=cpu,interval=200us,threads,collapsed,file=" + stacks));
                main.read(stacks);
            }
        }
        System.out.println(main.report(runs));
    }

    /** The main thread's collapsed stacks, one line per distinct stack: frames joined by ';', then a count. */
    static final class Samples {
        private final Map<List<String>, Long> stacks = new LinkedHashMap<>();
        private long total;

        void read(Path collapsed) throws IOException {
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                if (space < 0 || !line.startsWith("[main ")) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1));
                stacks.merge(List.of(line.substring(0, space).split(";")), count, Long::sum);
                total += count;
            }
        }

        /** Share of samples whose stack has a frame matching the test. */
        double share(Predicate<String> frame) {
            long hits = 0;
            for (Map.Entry<List<String>, Long> stack : stacks.entrySet()) {
                if (stack.getKey().stream().anyMatch(frame)) {
                    hits += stack.getValue();
                }
            }
            return total == 0 ? 0 : 100.0 * hits / total;
        }

        /**
         * Share of samples whose deepest frame of the project or the SDK is the project's own code; with
         * {@code runningOnly}, only those not loading or linking a class (the classes our code touches first are
         * mostly the SDK's).
         */
        double ownCodeShare(boolean runningOnly) {
            long hits = 0;
            for (Map.Entry<List<String>, Long> stack : stacks.entrySet()) {
                List<String> frames = stack.getKey();
                int deepest = -1;
                for (int i = 0; i < frames.size(); i++) {
                    if (frames.get(i).contains("software/amazon/awssdk/") || frames.get(i).startsWith("dev/mwaalogin/")) {
                        deepest = i;
                    }
                }
                if (deepest < 0 || !frames.get(deepest).startsWith("dev/mwaalogin/")
                        || frames.get(deepest).contains("/local/")) {
                    continue;
                }
                if (!runningOnly || frames.subList(deepest + 1, frames.size()).stream().noneMatch(
                        ColdProfile.Samples::loadsOrLinks)) {
                    hits += stack.getValue();
                }
            }
            return total == 0 ? 0 : 100.0 * hits / total;
        }

        private static boolean loadsOrLinks(String frame) {
            return frame.startsWith("java/lang/ClassLoader.") || frame.startsWith("java/lang/invoke/")
                    || frame.startsWith("SystemDictionary::") || frame.startsWith("ClassFileParser::")
                    || frame.startsWith("LinkResolver::") || frame.startsWith("InterpreterRuntime::resolve")
                    || frame.startsWith("InstanceKlass::link") || frame.startsWith("Verifier::");
        }

        String report(int runs) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Main thread, %d cold runs, %d samples; shares of those samples "
                    + "(kinds of work overlap).%n%n| | share |%n|---|---:|%n", runs, total));
            row(out, "init: the handler's constructor (configuration, SDK client)",
                    share(f -> f.startsWith("dev/mwaalogin/lambda/HttpApiHandler.<init>")));
            row(out, "first request: handleRequest",
                    share(f -> f.startsWith("dev/mwaalogin/lambda/ProxyHandler.handleRequest")));
            row(out, "&nbsp;&nbsp;of which the SDK call", share(f -> f.contains("MwaaClient.createWebLoginToken")));
            row(out, "&nbsp;&nbsp;of which SigV4 signing", share(f -> f.contains("awssdk/http/auth/aws/")));
            row(out, "&nbsp;&nbsp;of which the HTTP exchange", share(f -> f.contains("awssdk/http/urlconnection/")
                    && !f.contains("<clinit>")));
            row(out, "building the SDK client", share(f -> f.contains("SdkDefaultClientBuilder.build")));
            row(out, "loading and defining classes", share(f -> f.startsWith("java/lang/ClassLoader.loadClass")
                    || f.startsWith("java/lang/ClassLoader.defineClass")));
            row(out, "&nbsp;&nbsp;of which bytecode verification", share(f -> f.startsWith("Verifier::")
                    || f.startsWith("ClassVerifier::")));
            row(out, "linking lambdas and method handles", share(f -> f.startsWith("java/lang/invoke/MethodHandleNatives.link")));
            row(out, "the project's own methods (not the SDK they call)", ownCodeShare(false));
            row(out, "&nbsp;&nbsp;less the classes they load and link", ownCodeShare(true));
            return out.toString();
        }

        private static void row(StringBuilder out, String label, double share) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", label, share));
        }
    }
}

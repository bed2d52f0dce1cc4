package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code local/run profile -Dprofile.path=warm}: where a warm request's time goes. Runs the benchmark's warm probe
 * ({@link WarmPath}, Lambda's JVM options) with only the handler's series, against the emulator, under
 * async-profiler, and sorts the samples of the handler's requests by kind of work: the SDK call, and the handler's
 * own steps around it. What the table calls the function's own work is what a bare SDK call does not do.
 */
final class WarmProfile {

    private WarmProfile() {
    }

    static void main(Path root, Path agent) throws Exception {
        int rounds = Integer.parseInt(System.getProperty("profile.rounds", "20000"));
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        Path eventFile = root.resolve("events/http-redirect.json");
        Path stacks = Files.createDirectories(root.resolve("local/bench/target/profile")).resolve("warm.collapsed");
        Files.deleteIfExists(stacks);

        ColdProfile.Samples main = new ColdProfile.Samples();
        try (MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").requestLog(null).build().start()) {
            FunctionSetup setup = new FunctionSetup(taskRoot, function,
                    ColdPaths.functionEnvironment(function, emulator));
            WarmPath.measure(setup, eventFile, rounds, rounds, null, null, null, List.of("-agentpath:" + agent
                    + "=start,event=cpu,interval=200us,threads,collapsed,file=" + stacks, "-Dwarm.only=handler"));
            main.read(stacks);
        }
        System.out.println(report(main, rounds));
    }

    private static String report(ColdProfile.Samples samples, int rounds) {
        double request = samples.share(frame("dev/mwaalogin/lambda/ProxyHandler.handleRequest"));
        double sdk = samples.share(frame("MwaaClient.createWebLoginToken"));
        double read = samples.share(frame("dev/mwaalogin/lambda/ProxyEvents.readJson"))
                + samples.share(frame("dev/mwaalogin/lambda/ProxyEvents.httpApiEvent"))
                + samples.share(frame("dev/mwaalogin/lambda/HttpApiHandler.request"));
        double lines = samples.share(frame("dev/mwaalogin/LoginLog.write"));
        double answer = samples.share(frame("dev/mwaalogin/lambda/ProxyEvents.write"));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Main thread, %d warm requests after as "
                + "many to warm up; shares of the samples in ProxyHandler.handleRequest.%n%n| | share |%n"
                + "|---|---:|%n", rounds));
        row(out, "the SDK call (createWebLoginToken)", sdk / request);
        row(out, "&nbsp;&nbsp;of which the HTTP exchange", samples.share(f -> f.contains("awssdk/http/urlconnection/")
                && !f.contains("<clinit>")) / request);
        row(out, "&nbsp;&nbsp;of which SigV4 signing", samples.share(f -> f.contains("awssdk/http/auth/aws/"))
                / request);
        row(out, "the function's own work", (request - sdk) / request);
        row(out, "&nbsp;&nbsp;reading the event (JSON, the event type, the request)", read / request);
        row(out, "&nbsp;&nbsp;the log and metrics lines", lines / request);
        row(out, "&nbsp;&nbsp;writing the answer", answer / request);
        row(out, "&nbsp;&nbsp;the rest: deciding, the deadline, checking MWAA's answer, the response",
                (request - sdk - read - lines - answer) / request);
        return out.toString();
    }

    private static Predicate<String> frame(String prefix) {
        return f -> f.startsWith(prefix) || f.contains(prefix);
    }

    private static void row(StringBuilder out, String label, double fraction) {
        out.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", label, 100 * fraction));
    }
}

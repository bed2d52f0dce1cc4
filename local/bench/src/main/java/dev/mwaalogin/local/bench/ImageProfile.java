package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.image.AotImage;
import dev.mwaalogin.local.image.Jdk25;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code local/run profile -Dprofile.path=image}: where the container image's cold {@code /login} spends its CPU.
 * Trains the image as {@code function/image/aot-train} does, then runs its entrypoint's command, as the benchmark's
 * image row does, under async-profiler, and sorts the samples: every thread first (a 1-vCPU function's main thread
 * shares its CPU with the others), then the main thread's by phase and by the steps the function cannot leave out.
 * The agent starts after the JVM has mapped its AOT cache, so the JVM's own start is not in the samples.
 */
final class ImageProfile {

    private ImageProfile() {
    }

    static void main(Path root, Path agent) throws IOException, InterruptedException {
        int runs = Integer.parseInt(System.getProperty("profile.runs", "10"));
        Path jdk25 = Jdk25.locate().orElseThrow(() -> new IllegalStateException(Jdk25.missing()));
        Path work = Files.createDirectories(root.resolve("local/bench/target/profile"));
        AotImage image = AotImage.train(root, jdk25, work.resolve("image"), Map.of());
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        String event = Files.readString(root.resolve("events/http-redirect.json"));
        Threads threads = new Threads();
        ColdProfile.Samples main = new ColdProfile.Samples();
        try (Stage stage = Stage.start(function, false)) {
            ColdPaths cold = new ColdPaths(new FunctionSetup(image.taskRoot(), function, stage.shared()), event);
            for (int i = 0; i < 3; i++) {
                Contenders.expect(302, cold.image(image.taskRoot(), image.command()));
            }
            for (int i = 0; i < runs; i++) {
                Path stacks = work.resolve("image-" + i + ".collapsed");
                Files.deleteIfExists(stacks);
                List<String> command = new ArrayList<>(image.command());
                command.add(1, "-agentpath:" + agent + "=start,event=cpu,interval=200us,threads,collapsed,file="
                        + stacks);
                Contenders.expect(302, cold.image(image.taskRoot(), command));
                threads.read(stacks);
                main.read(stacks);
            }
        }
        System.out.println(threads.report(runs));
        System.out.println(report(main, runs));
    }

    static String report(ColdProfile.Samples main, int runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Main thread of the image's cold /login, "
                + "%d runs; shares of its samples.%n%n| | share |%n|---|---:|%n", runs));
        row(out, "the runtime client's static set-up (its security properties: the JDK's first look for a logging "
                + "service opens the class path's jar)", main.share(frame("com/amazonaws/services/lambda/runtime/api/"
                + "client/AWSLambda.<clinit>")));
        row(out, "the runtime client's JSON log formatter: built at start, then the function's first log line",
                main.share(frame("com/amazonaws/services/lambda/runtime/api/client/logging/JsonLogFormatter.")));
        row(out, "init: the handler's constructor (configuration, SDK clients)",
                main.share(frame("dev/mwaalogin/lambda/HttpApiHandler.<init>")));
        row(out, "&nbsp;&nbsp;of which building the SDK clients", main.share(
                frame("software/amazon/awssdk/core/client/builder/SdkDefaultClientBuilder.build")));
        row(out, "first request: handleRequest", main.share(frame("dev/mwaalogin/lambda/ProxyHandler.handleRequest")));
        row(out, "&nbsp;&nbsp;of which the token call (CreateWebLoginToken)",
                main.share(frame("MwaaClient.createWebLoginToken")));
        row(out, "&nbsp;&nbsp;of which the Airflow version, asked once per environment (GetEnvironment)",
                main.share(frame("dev/mwaalogin/aws/AirflowLoginPaths.version")));
        row(out, "&nbsp;&nbsp;of which setting up the JDK's security providers for SigV4's first HMAC and digest",
                main.share(frame("sun/security/jca/ProviderConfig.getProvider")));
        row(out, "`BigDecimal`'s class initialiser, wherever the class is first touched: the retry policy's "
                + "`Duration` arithmetic at init (else the SDK's JSON parser at the first answer); JDK 24 and later "
                + "square their way to 5^65536 in it", main.share(frame("java/math/BigDecimal.<clinit>")));
        return out.toString();
    }

    private static Predicate<String> frame(String prefix) {
        return frame -> frame.contains(prefix);
    }

    private static void row(StringBuilder out, String label, double share) {
        out.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", label, share));
    }

    /** Every thread's samples by the thread's name (digits taken out, so compiler threads count as one). */
    static final class Threads {
        private final Map<String, Long> byThread = new LinkedHashMap<>();
        private long total;

        void read(Path collapsed) throws IOException {
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                int end = line.indexOf(']');
                if (space < 0 || !line.startsWith("[") || end < 0) {
                    continue;
                }
                String name = line.substring(1, end).replaceAll(" ?tid=\\d+", "").trim();
                long count = Long.parseLong(line.substring(space + 1));
                byThread.merge(name.isEmpty() ? "(unnamed)" : name, count, Long::sum);
                total += count;
            }
        }

        String report(int runs) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Every thread of the image's cold "
                    + "/login, %d runs, %d samples.%n%n| thread | share |%n|---|---:|%n", runs, total));
            byThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(entry -> 100.0 * entry.getValue() / total >= 0.5)
                    .forEach(entry -> row(out, entry.getKey(), 100.0 * entry.getValue() / total));
            return out.toString();
        }
    }
}

package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code local/bench/run}: measures the function's cold and warm paths against what users run instead, all in
 * one run on this machine against one local MWAA emulator, and prints one table.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getProperty("bench.runs", "15"));
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        String event = Files.readString(root.resolve("events/http-redirect.json"));

        try (MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").environment("analytics")
                .requestLog(null).build().start()) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            env.put("MWAA_ENVIRONMENT_NAME", "demo");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
            env.put("AWS_ENDPOINT_URL_MWAA", emulator.endpoint().toString());
            env.put("AIRFLOW_BASE_URL", emulator.endpoint().toString());
            ColdPaths cold = new ColdPaths(taskRoot, function, env, emulator.endpoint(), event);
            Path script = ColdPaths.writeBoto3Script(root.resolve("local/target/bench"));

            // Warm the emulator (it runs in this JVM) so that it answers everyone equally fast.
            for (int i = 0; i < 5; i++) {
                cold.boto3(script);
                cold.function();
            }
            List<Double> total = new ArrayList<>();
            List<Double> init = new ArrayList<>();
            List<Double> invoke = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            List<Double> boto3 = new ArrayList<>();
            List<Double> cli = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            // Interleaved, so that a busy moment on the machine hits every contender alike.
            for (int i = 0; i < runs; i++) {
                ColdPaths.FunctionRun run = cold.function();
                if (run.status() != 302) {
                    throw new IllegalStateException("the function answered " + run.status());
                }
                total.add(run.totalMs());
                init.add(run.initMs());
                invoke.add(run.invokeMs());
                rss.add(run.peakRssKib() / 1024.0);
                boto3.add(cold.boto3(script));
                cli.add(cold.awsCli());
                floor.add(cold.floor());
            }
            Stats javaCold = Stats.of(total);
            Stats python = Stats.of(boto3);
            Stats awsCli = Stats.of(cli);
            Stats jvm = Stats.of(floor);
            System.out.println("cold function  " + javaCold.describe("ms", 1, "%.0f"));
            System.out.println("  init         " + Stats.of(init).describe("ms", 1, "%.0f"));
            System.out.println("  invoke       " + Stats.of(invoke).describe("ms", 1, "%.0f"));
            System.out.println("  peak RSS     " + Stats.of(rss).describe("MiB", 1, "%.0f"));
            System.out.println("boto3 script   " + python.describe("ms", 1, "%.0f"));
            System.out.println("aws cli        " + awsCli.describe("ms", 1, "%.0f"));
            System.out.println("bare JVM       " + jvm.describe("ms", 1, "%.0f"));
            System.out.printf("cold/boto3 %.2f  cold/cli %.2f  cold/floor %.1f%n", javaCold.median() / python.median(),
                    javaCold.median() / awsCli.median(), javaCold.median() / jvm.median());
        }
    }
}

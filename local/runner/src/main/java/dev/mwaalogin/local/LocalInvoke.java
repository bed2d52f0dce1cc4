package dev.mwaalogin.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

/**
 * {@code local invoke}: like {@code sam local invoke}, with no Docker and, by default, no AWS. Runs the built
 * function in a fresh JVM under AWS's runtime interface client, feeds it one event file and prints the response
 * JSON on stdout; the function's log lines and the init and invoke times go to stderr.
 *
 * <pre>
 * local invoke [FunctionLogicalId] -e events/http-redirect.json [-n events/env.json] [--real]
 * </pre>
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        LocalSetup.Options options;
        try {
            options = new LocalSetup.Options(args, Set.of("--real", "--help"));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (options.has("--help") || !options.has("--event")) {
            err.println("usage: local invoke [FunctionLogicalId] -e <event.json> [-n events/env.json] "
                    + "[-t template.yaml] [--real]");
            return options.has("--help") ? 0 : 2;
        }
        try (LocalSetup setup = LocalSetup.create(options)) {
            String event = Files.readString(setup.projectRoot.resolve(options.get("--event", null)));
            err.println(setup.emulator == null ? "Invoking " + setup.function.handler() + " against real MWAA in "
                    + setup.environment.get("AWS_REGION") : "Invoking " + setup.function.handler()
                    + " against the MWAA emulator at " + setup.emulator.endpoint());
            try (FunctionProcess function = setup.startFunction(err::println)) {
                Duration init = function.awaitInit();
                RuntimeApi.Result result = function.invoke(event);
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(json.readTree(result.body())));
                err.printf("Init: %d ms  Invoke: %d ms%n", init.toMillis(), result.duration().toMillis());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("local invoke failed: " + e.getMessage());
            return 1;
        }
    }
}

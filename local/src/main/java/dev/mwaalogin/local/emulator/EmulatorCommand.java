package dev.mwaalogin.local.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The emulator as a command for people: parses flags, starts it, prints where it listens, and runs until Ctrl-C.
 * It prints the default access key id but never a secret; the fake secret is
 * {@link EmulatorCredentials#DEFAULT_SECRET_ACCESS_KEY} in the source.
 */
final class EmulatorCommand {

    static final int DEFAULT_PORT = 4566;

    static final String USAGE = """
            Usage: MwaaEmulator [options]
              --port N                   loopback port (default %d; 0 picks a free one)
              --region R                 region requests must be signed for (default us-east-1)
              --env NAME[=HOST[,VER]]    add an environment, optionally with its web server hostname and
                                         Airflow version (repeatable; default: one named demo)
              --credentials AKID:SECRET:IAM_IDENTITY
                                         accept another key pair (repeatable); the default pair is always accepted
              --token-ttl SECONDS        how long a web login token can be redeemed (default 60)
              --fault ENV=SPEC           arm a fault at start, SPEC as KIND[:ARG[:ERROR_TYPE]][,times=N] with KIND
                                         latency:MS, status:CODE, throttle, reset, hang:MS or malformed-json
              --quiet                    no per-request log on stderr
              --help
            At run time: PUT/DELETE http://127.0.0.1:PORT/_emulator/faults/ENV, GET /_emulator/hits,
            GET /_emulator/environments.
            """.formatted(DEFAULT_PORT);

    private EmulatorCommand() {
    }

    /**
     * Runs until Ctrl-C, when a shutdown hook closes the emulator and the JVM exits with the signal's status (130);
     * returns 2 for bad flags, 1 if it cannot bind, 0 after --help.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        MwaaEmulator emulator;
        try {
            emulator = parse(args, err);
        } catch (IllegalArgumentException e) {
            err.println("mwaa-emulator: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (emulator == null) {
            out.print(USAGE);
            return 0;
        }
        try {
            emulator.start();
        } catch (RuntimeException e) {
            err.println("mwaa-emulator: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "mwaa-emulator-shutdown"));
        printBanner(emulator, out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printBanner(MwaaEmulator emulator, PrintStream out) {
        out.println("MWAA emulator listening on " + emulator.endpoint() + " (region " + emulator.region() + ")");
        emulator.environments().values().forEach(env -> out.println("  environment " + env.name()
                + ": WebServerHostname " + env.webServerHostname() + ", Airflow " + env.airflowVersion()));
        out.println("  sign with access key id " + EmulatorCredentials.DEFAULT_ACCESS_KEY_ID
                + " (its fake secret key is in the README, under \"Run the function like Lambda does\"), service "
                + "airflow, and disable the env. host prefix (AWS_DISABLE_HOST_PREFIX_INJECTION=true for the CLI)");
        out.println("  Ctrl-C to stop");
        out.flush();
    }

    /** The configured emulator, or null when only help was asked for. */
    static MwaaEmulator parse(String[] args, PrintStream err) {
        MwaaEmulator.Builder builder = MwaaEmulator.builder().port(DEFAULT_PORT).requestLog(err);
        List<String> environments = new ArrayList<>();
        Map<String, FaultSpec> faults = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (flag.equals("--quiet")) {
                builder.requestLog(null);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> builder.port(integer(flag, value));
                case "--region" -> builder.region(value);
                case "--env" -> environments.add(value);
                case "--credentials" -> {
                    String[] parts = value.split(":", 3);
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--credentials wants AKID:SECRET:IAM_IDENTITY");
                    }
                    builder.credentials(parts[0], parts[1], parts[2]);
                }
                case "--token-ttl" -> builder.tokenTtl(Duration.ofSeconds(integer(flag, value)));
                case "--fault" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--fault wants ENV=SPEC");
                    }
                    faults.put(value.substring(0, equals), FaultSpec.fromCli(value.substring(equals + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (environments.isEmpty()) {
            environments.add("demo");
        }
        for (String env : environments) {
            addEnvironment(builder, env);
        }
        MwaaEmulator emulator = builder.build();
        faults.forEach((env, spec) -> spec.armOn(emulator.faults(env)));
        return emulator;
    }

    /** {@code NAME}, {@code NAME=HOST} or {@code NAME=HOST,VERSION}. */
    private static void addEnvironment(MwaaEmulator.Builder builder, String value) {
        int equals = value.indexOf('=');
        if (equals < 0) {
            builder.environment(value);
            return;
        }
        String[] hostAndVersion = value.substring(equals + 1).split(",", 2);
        builder.environment(value.substring(0, equals), hostAndVersion[0],
                hostAndVersion.length > 1 ? hostAndVersion[1] : EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION);
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a number, not '" + value + "'");
        }
    }
}

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
 * It prints the default access key id but never a secret (nor a secret's value); the fake secret key is
 * {@link EmulatorCredentials#DEFAULT_SECRET_ACCESS_KEY} in the source.
 */
final class EmulatorCommand {

    static final int DEFAULT_PORT = 4566;

    static final String USAGE = """
            Usage: MwaaEmulator [options]
              --port N                   loopback port (default %d; 0 picks a free one)
              --region R                 region requests must be signed for (default us-east-1)
              --account ID               the account ARNs name (default: the IAM roles' account, else 123456789012)
              --env NAME[@VERSION][=HOST]
                                         add an environment on an Airflow version (default 2.10.3; 3.x takes its
                                         login at /pluginsv2/aws_mwaa/aws-console-sso), optionally with its web
                                         server hostname; NAME=HOST,VERSION works too (repeatable; default: demo)
              --credentials AKID:SECRET:IAM_IDENTITY
                                         accept another long-term key pair (repeatable); the default pair is always
                                         accepted. Registered pairs are the function's role: they may assume every
                                         IAM role, call GetEnvironment and read secrets
              --airflow-role ROLE        the Airflow role registered pairs sign in with (default Viewer)
              --registered-rest-api      registered pairs may also call InvokeRestApi, with --airflow-role (by
                                         default only IAM roles' sessions may)
              --iam-role ROLE[@ENV,...]=ARN
                                         an IAM role registered pairs may assume with STS AssumeRole; its sessions
                                         sign in and call InvokeRestApi as assumed-role/NAME/SESSION with Airflow
                                         role ROLE, in the ENVs listed or in every environment (repeatable), e.g.
                                         --iam-role Admin@demo=arn:aws:iam::123456789012:role/mwaa-admin
              --secret NAME=VALUE        a Secrets Manager secret (repeatable; 8 characters or more)
              --token-ttl SECONDS        how long a web login token can be redeemed (default 60)
              --fault TARGET=SPEC        arm a fault at start (repeatable). TARGET: an environment (its
                                         CreateWebLoginToken), restapi:ENV (its InvokeRestApi), _sts,
                                         _secretsmanager or _getenvironment.
                                         SPEC: KIND[:ARG[:ERROR_TYPE]][,times=N], KIND one of latency:MS,
                                         status:CODE, throttle, reset, hang:MS, malformed-json, and for restapi:ENV
                                         airflow:CODE (Airflow answers CODE); errors take the target service's
                                         shape (STS: XML). E.g. demo=status:503,times=2, restapi:demo=airflow:500
              --quiet                    no per-request log on stderr
              --help
            One address serves MWAA (POST /webtoken/NAME, POST /restapi/NAME, GET /environments/NAME), STS and
            Secrets Manager (POST /). Each environment's Airflow answers InvokeRestApi (Airflow 2's /api/v1, 3's
            /api/v2): DAGs example_etl, example_report, example_cleanup (paused); GET /dags, GET and PATCH
            /dags/ID, GET and POST /dags/ID/dagRuns, GET /dags/ID/dagRuns/RUN, GET /eventLogs, GET /version, with
            Airflow's default roles (Viewer reads; User, Op and Admin also trigger and pause). Point
            AWS_ENDPOINT_URL_MWAA, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_SECRETS_MANAGER at it, and set
            AWS_DISABLE_HOST_PREFIX_INJECTION=true for the CLI and boto3.
            At run time the same SPEC arms a fault: curl -X PUT -d SPEC http://127.0.0.1:PORT/_emulator/faults/TARGET
            (GET shows it, DELETE clears it; DELETE /_emulator/faults clears all); GET /_emulator/hits,
            GET /_emulator/environments and GET /_emulator/airflow/ENV (DAGs, runs, audit log) show the rest.
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
        out.println("MWAA emulator listening on " + emulator.endpoint() + " (region " + emulator.region()
                + ", account " + emulator.account() + ")");
        emulator.environments().values().forEach(env -> out.println("  environment " + env.name()
                + ": WebServerHostname " + env.webServerHostname() + ", Airflow " + env.airflowVersion()
                + ", login at " + env.loginPath()));
        out.println("  sign with access key id " + EmulatorCredentials.DEFAULT_ACCESS_KEY_ID
                + " (its fake secret key is in the README, under \"Run the function like Lambda does\"), service "
                + "airflow, sts or secretsmanager, and disable the env. host prefix "
                + "(AWS_DISABLE_HOST_PREFIX_INJECTION=true for the CLI)");
        out.println("  Ctrl-C to stop");
        out.flush();
    }

    /** The configured emulator, or null when only help was asked for. */
    static MwaaEmulator parse(String[] args, PrintStream err) {
        MwaaEmulator.Builder builder = MwaaEmulator.builder().port(DEFAULT_PORT).requestLog(err);
        List<String> environments = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Map<String, String> faults = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (flag.equals("--quiet")) {
                builder.requestLog(null);
                continue;
            }
            if (flag.equals("--registered-rest-api")) {
                builder.registeredRestApi();
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> builder.port(integer(flag, value));
                case "--region" -> builder.region(value);
                case "--account" -> builder.account(value);
                case "--env" -> environments.add(value);
                case "--credentials" -> {
                    String[] parts = value.split(":", 3);
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--credentials wants AKID:SECRET:IAM_IDENTITY");
                    }
                    builder.credentials(parts[0], parts[1], parts[2]);
                }
                case "--airflow-role" -> builder.airflowRole(value);
                case "--iam-role" -> roles.add(value);
                case "--secret" -> {
                    String[] nameAndValue = split(flag, value, "NAME=VALUE");
                    builder.secret(nameAndValue[0], nameAndValue[1]);
                }
                case "--token-ttl" -> builder.tokenTtl(Duration.ofSeconds(integer(flag, value)));
                case "--fault" -> {
                    String[] targetAndSpec = split(flag, value, "TARGET=SPEC");
                    faults.put(targetAndSpec[0], targetAndSpec[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (environments.isEmpty()) {
            environments.add("demo");
        }
        environments.forEach(env -> addEnvironment(builder, env));
        roles.forEach(role -> addRole(builder, role));
        MwaaEmulator emulator = builder.build();
        try {
            faults.forEach((target, spec) -> emulator.faults(target).arm(spec));
        } catch (IllegalArgumentException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** {@code NAME}, {@code NAME@VERSION}, {@code NAME=HOST}, {@code NAME@VERSION=HOST}, {@code NAME=HOST,VERSION}. */
    private static void addEnvironment(MwaaEmulator.Builder builder, String value) {
        int equals = value.indexOf('=');
        String nameAndVersion = equals < 0 ? value : value.substring(0, equals);
        int at = nameAndVersion.indexOf('@');
        String name = at < 0 ? nameAndVersion : nameAndVersion.substring(0, at);
        String version = at < 0 ? null : nameAndVersion.substring(at + 1);
        if (equals < 0) {
            builder.environment(name, version != null ? version : EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION);
            return;
        }
        String[] hostAndVersion = value.substring(equals + 1).split(",", 2);
        if (version != null && hostAndVersion.length > 1) {
            throw new IllegalArgumentException("--env " + value + ": give the Airflow version once");
        }
        builder.environment(name, hostAndVersion[0], version != null ? version
                : hostAndVersion.length > 1 ? hostAndVersion[1] : EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION);
    }

    /** {@code ROLE=ARN} or {@code ROLE@ENV,ENV=ARN}: the left side has no {@code =}, an IAM role name may. */
    private static void addRole(MwaaEmulator.Builder builder, String value) {
        String[] grantAndArn = split("--iam-role", value, "ROLE[@ENV,...]=ARN");
        String[] roleAndEnvironments = grantAndArn[0].split("@", 2);
        String[] environments = roleAndEnvironments.length > 1 ? roleAndEnvironments[1].split(",") : new String[0];
        builder.iamRole(grantAndArn[1], roleAndEnvironments[0], environments);
    }

    /** Splits at the first {@code =}, which must have text on both sides. */
    private static String[] split(String flag, String value, String shape) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new IllegalArgumentException(flag + " wants " + shape);
        }
        return new String[] {value.substring(0, equals), value.substring(equals + 1)};
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a number, not '" + value + "'");
        }
    }
}

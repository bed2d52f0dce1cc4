package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process stand-in for the AWS APIs the function calls (MWAA's CreateWebLoginToken, InvokeRestApi and
 * GetEnvironment, STS's AssumeRole, Secrets Manager's GetSecretValue), the Airflow 2 and 3 sign-in pages, and each
 * environment's Airflow REST API as InvokeRestApi reaches it ({@link FakeAirflow}), on one loopback address. See the
 * package documentation for an example and what is worth knowing.
 *
 * <p>Requests must be SigV4-signed in the emulator's region, for the service called ({@code airflow}, {@code sts},
 * {@code secretsmanager}), by a registered credential ({@link EmulatorCredentials#DEFAULT} always is) or by a
 * session the emulator's STS issued. Run {@link #main} for a standalone server.
 */
public final class MwaaEmulator implements AutoCloseable {

    /**
     * System property naming a file every emulator in this JVM appends each secret it hands out to (see
     * {@link Builder#tokenLedger(Path)}); the build sets it for tests so that its secret scan knows every one.
     */
    public static final String TOKEN_LEDGER_PROPERTY = "mwaa.emulator.tokenLedger";

    /** The fault and hit target of every STS call: {@code faults(STS)}, {@code hits(STS)}, /_emulator/faults/_sts. */
    public static final String STS = "_sts";

    /** The fault and hit target of every Secrets Manager call. */
    public static final String SECRETS_MANAGER = "_secretsmanager";

    /** The fault and hit target of every MWAA GetEnvironment call, whatever the environment. */
    public static final String GET_ENVIRONMENT = "_getenvironment";

    /** What {@link #restApi(String)} puts before an environment's name. */
    public static final String REST_API_TARGET_PREFIX = "restapi:";

    private final AwsAccount account;
    private final int requestedPort;
    private final Map<String, EmulatedEnvironment> environments;
    private final Map<String, IamRole> iamRoles;
    private final Map<String, FakeAirflow> airflows;
    private final Map<String, String> secretArns = new LinkedHashMap<>();
    private final FaultBook faults;
    private final HitCounter hits = new HitCounter();
    private final EmulatorServer server;
    private volatile int port = -1;

    private MwaaEmulator(Builder builder) {
        EmulatorSetup setup = new EmulatorSetup(builder);
        this.account = setup.account();
        this.requestedPort = builder.port;
        this.environments = Collections.unmodifiableMap(setup.environments());
        this.iamRoles = Collections.unmodifiableMap(new LinkedHashMap<>(builder.iamRoles));
        this.airflows = Collections.unmodifiableMap(setup.airflows());
        setup.secrets().forEach(secret -> secretArns.put(secret.name(), secret.arn()));
        this.faults = new FaultBook(environments.keySet());
        ShutdownSignal shutdown = new ShutdownSignal();
        EmulatorRoutes routes = setup.routes(new FaultGate(faults, hits, shutdown),
                new AdminEndpoint(account, environments, setup.airflows(), faults, hits));
        this.server = new EmulatorServer(routes, new RequestLog(builder.log), shutdown);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fault and hit target of an environment's InvokeRestApi calls, {@code restapi:<name>}: {@code
     * faults(restApi("demo"))}, {@code hits(restApi("demo"))}, {@code /_emulator/faults/restapi:demo}. Its hits count
     * every {@code POST /restapi/<name>}, refused ones included, for any name.
     */
    public static String restApi(String environment) {
        return REST_API_TARGET_PREFIX + environment;
    }

    /** Runs the emulator as a command; see {@link EmulatorCommand} or {@code --help}. */
    public static void main(String[] args) {
        System.exit(EmulatorCommand.run(args, System.out, System.err));
    }

    /** Binds 127.0.0.1 and starts serving. */
    public synchronized MwaaEmulator start() {
        if (port != -1) {
            throw new IllegalStateException("already started on port " + port);
        }
        try {
            port = server.start(requestedPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind 127.0.0.1:" + requestedPort, e);
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override of every AWS API and the Airflow base URL alike. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        if (port == -1) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    public String region() {
        return account.region();
    }

    /** The account ARNs name: the IAM roles' account, else the one set on the builder, else 123456789012. */
    public String account() {
        return account.id();
    }

    /** Every environment by name, in the order they were added. */
    public Map<String, EmulatedEnvironment> environments() {
        return environments;
    }

    /** @throws IllegalArgumentException when there is no such environment */
    public EmulatedEnvironment environment(String name) {
        EmulatedEnvironment environment = environments.get(name);
        if (environment == null) {
            throw new IllegalArgumentException("no environment named '" + name + "'; known: " + environments.keySet());
        }
        return environment;
    }

    /**
     * The Airflow of an environment, as InvokeRestApi reaches it: its DAGs, the runs triggered and who triggered
     * them, its audit log.
     *
     * @throws IllegalArgumentException when there is no such environment
     */
    public FakeAirflow airflow(String environment) {
        return Optional.ofNullable(airflows.get(environment)).orElseThrow(() -> new IllegalArgumentException(
                "no environment named '" + environment + "'; known: " + airflows.keySet()));
    }

    /** Every IAM role registered credentials may assume, by ARN, in the order they were added. */
    public Map<String, IamRole> iamRoles() {
        return iamRoles;
    }

    /** The full ARN of a secret registered on the builder, e.g. to read it by ARN. */
    public String secretArn(String name) {
        return Optional.ofNullable(secretArns.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no secret named '" + name + "'"));
    }

    /**
     * Arms and clears faults for a target: an environment (its CreateWebLoginToken calls), {@link #restApi(String)}
     * of an environment (its InvokeRestApi calls), or {@link #STS}, {@link #SECRETS_MANAGER} or
     * {@link #GET_ENVIRONMENT}.
     *
     * @throws IllegalArgumentException for any other name, to catch typos
     */
    public FaultControl faults(String target) {
        return faults.control(target).orElseThrow(() -> new IllegalArgumentException("no fault target named '"
                + target + "'; targets: the environments " + environments.keySet() + ", restApi(environment), STS, "
                + "SECRETS_MANAGER and GET_ENVIRONMENT"));
    }

    /** Disarms every target's fault. */
    public void clearFaults() {
        faults.clearAll();
    }

    /**
     * Requests so far under a target, rejected ones included: {@code /webtoken/{name}} for any name, configured or
     * not; {@code /restapi/{name}} under {@link #restApi(String)}; or every call to {@link #STS},
     * {@link #SECRETS_MANAGER} or {@link #GET_ENVIRONMENT}.
     */
    public long hits(String target) {
        return hits.count(target);
    }

    /** Every target requested so far with its count. */
    public Map<String, Long> hits() {
        return hits.snapshot();
    }

    public void resetHits() {
        hits.reset();
    }

    /** Stops serving and closes every connection, releasing hung ones. */
    @Override
    public void close() {
        server.close();
    }

    /** Configures an emulator; every setting is optional. */
    public static final class Builder {
        String region = "us-east-1";
        String account;
        int port = 0;
        final Map<String, String> generatedEnvironments = new LinkedHashMap<>();
        final Map<String, EmulatedEnvironment> environments = new LinkedHashMap<>();
        final Map<String, EmulatorCredentials> credentials = new LinkedHashMap<>(
                Map.of(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT));
        String airflowRole = "Viewer";
        boolean registeredRestApi;
        final Map<String, IamRole> iamRoles = new LinkedHashMap<>();
        final Map<String, List<AirflowDag>> dags = new LinkedHashMap<>();
        final Map<String, String> secrets = new LinkedHashMap<>();
        Clock clock = Clock.systemUTC();
        Duration tokenTtl = LoginTokenStore.DEFAULT_TTL;
        PrintStream log = System.err;
        Path tokenLedger = Optional.ofNullable(System.getProperty(TOKEN_LEDGER_PROPERTY))
                .filter(value -> !value.isBlank()).map(Path::of).orElse(null);

        private Builder() {
        }

        /** The region requests must be signed for; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The account ARNs name; default the IAM roles' account, else {@code 123456789012}. Must match the roles. */
        public Builder account(String account) {
            this.account = new AwsAccount(account, region).id();
            return this;
        }

        /** The loopback port; default 0, any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds an environment with a generated MWAA-style hostname and Airflow
         * {@value EmulatedEnvironment#DEFAULT_AIRFLOW_VERSION}.
         */
        public Builder environment(String name) {
            return environment(name, EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION);
        }

        /** Adds an environment with a generated hostname on an Airflow version, e.g. {@code ("v3demo", "3.0.6")}. */
        public Builder environment(String name, String airflowVersion) {
            EmulatedEnvironment checked = EmulatedEnvironment.withGeneratedHostname(name, region, airflowVersion);
            requireNew(name);
            generatedEnvironments.put(name, checked.airflowVersion()); // hostname made at build(), for its region
            return this;
        }

        public Builder environment(String name, String webServerHostname, String airflowVersion) {
            EmulatedEnvironment environment = new EmulatedEnvironment(name, webServerHostname, airflowVersion);
            requireNew(name);
            environments.put(name, environment);
            return this;
        }

        private void requireNew(String name) {
            if (environments.containsKey(name) || generatedEnvironments.containsKey(name)) {
                throw new IllegalArgumentException("environment '" + name + "' added twice");
            }
        }

        /** Registers another credential (the default pair stays registered unless this replaces its key id). */
        public Builder credentials(String accessKeyId, String secretAccessKey, String iamIdentity) {
            return credentials(EmulatorCredentials.of(accessKeyId, secretAccessKey, iamIdentity));
        }

        /**
         * Registers a credential; with a session token, requests must carry and sign that token. Registered
         * credentials play the function's own role: they sign in to every environment with {@link #airflowRole},
         * may assume every IAM role, and may call GetEnvironment and GetSecretValue.
         */
        public Builder credentials(EmulatorCredentials credential) {
            credentials.put(credential.accessKeyId(), credential);
            return this;
        }

        /** The Airflow role registered credentials sign in with; default {@code Viewer}. */
        public Builder airflowRole(String airflowRole) {
            this.airflowRole = IamRole.requireAirflowRole(airflowRole);
            return this;
        }

        /**
         * Lets registered credentials call InvokeRestApi too, in every environment with {@link #airflowRole}. By
         * default they may not: the function calls Airflow's REST API only with a person's own session, so a call
         * signed with its own role is a mistake a test should see.
         */
        public Builder registeredRestApi() {
            this.registeredRestApi = true;
            return this;
        }

        /**
         * A DAG in an environment's Airflow, unpaused, with no schedule. An environment given none has three
         * examples: {@code example_etl} and {@code example_report} (scheduled) and {@code example_cleanup} (paused);
         * one given any has only those given.
         */
        public Builder dag(String environment, String dagId) {
            return addDag(environment, AirflowDag.named(dagId, false));
        }

        /** As {@link #dag(String, String)}, paused. */
        public Builder pausedDag(String environment, String dagId) {
            return addDag(environment, AirflowDag.named(dagId, true));
        }

        private Builder addDag(String environment, AirflowDag dag) {
            List<AirflowDag> list = dags.computeIfAbsent(Objects.requireNonNull(environment, "environment"),
                    name -> new ArrayList<>());
            if (list.stream().anyMatch(existing -> existing.dagId().equals(dag.dagId()))) {
                throw new IllegalArgumentException("DAG " + dag.dagId() + " added twice to " + environment);
            }
            list.add(dag);
            return this;
        }

        /**
         * An IAM role registered credentials may assume, whose sessions MWAA signs in, and lets call InvokeRestApi,
         * with {@code airflowRole} in the given environments (none given: every environment). Each must be an
         * environment of this emulator. For a role without InvokeRestApi, {@code IamRole.of(...).withoutRestApi()}.
         */
        public Builder iamRole(String roleArn, String airflowRole, String... environments) {
            return iamRole(IamRole.of(roleArn, airflowRole, environments));
        }

        /** An IAM role, e.g. {@code IamRole.of(...).withMaxSessionDuration(Duration.ofHours(4))}. */
        public Builder iamRole(IamRole role) {
            if (iamRoles.putIfAbsent(role.arn(), role) != null) {
                throw new IllegalArgumentException("IAM role " + role.arn() + " added twice");
            }
            return this;
        }

        /**
         * A Secrets Manager secret, readable by name or ARN ({@link MwaaEmulator#secretArn(String)}). The value is
         * recorded in the token ledger, so it must be at least 8 characters; it is never printed.
         */
        public Builder secret(String name, String value) {
            if (secrets.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"))
                    != null) {
                throw new IllegalArgumentException("secret " + name + " added twice");
            }
            return this;
        }

        /**
         * The clock for signature skew checks, session expiry and token lifetimes; default the system clock. The
         * {@code Date} header always carries the system time (the JDK's HTTP server writes it).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a web login token can be redeemed; default 60 seconds, like MWAA. */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /** Where the one-line-per-request log goes; default stderr, null for none. */
        public Builder requestLog(PrintStream log) {
            this.log = log;
            return this;
        }

        /**
         * Appends every secret the emulator hands out (web login tokens, STS secret keys and session tokens, secret
         * values) to this file, one per line; null for none. Default: the file named by the system property
         * {@value MwaaEmulator#TOKEN_LEDGER_PROPERTY}, else none.
         */
        public Builder tokenLedger(Path file) {
            this.tokenLedger = file;
            return this;
        }

        /** @throws IllegalArgumentException when roles name another account or an environment not added */
        public MwaaEmulator build() {
            return new MwaaEmulator(this);
        }
    }
}

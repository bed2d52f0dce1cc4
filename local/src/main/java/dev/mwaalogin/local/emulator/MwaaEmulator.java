package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process stand-in for Amazon MWAA's web login API and the Airflow sign-in page, on one loopback address.
 *
 * <pre>{@code
 * try (MwaaEmulator emu = MwaaEmulator.builder().environment("demo").build().start()) {
 *     MwaaClient mwaa = MwaaClient.builder()
 *             .endpointOverride(emu.endpoint())
 *             .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *                     EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY)))
 *             .region(Region.US_EAST_1)
 *             .build();
 *     emu.faults("demo").status(500).times(2);
 *     ...
 * }
 * }</pre>
 *
 * Requests must be SigV4-signed for service {@code airflow} in the emulator's region by a registered credential
 * ({@link EmulatorCredentials#DEFAULT} always is). Run {@link #main} for a standalone server.
 */
public final class MwaaEmulator implements AutoCloseable {

    /**
     * System property naming a file every emulator in this JVM appends each minted token to (see
     * {@link Builder#tokenLedger(Path)}); the build sets it for tests so that its secret scan knows every token.
     */
    public static final String TOKEN_LEDGER_PROPERTY = "mwaa.emulator.tokenLedger";

    private final String region;
    private final int requestedPort;
    private final Map<String, EmulatedEnvironment> environments;
    private final FaultBook faults = new FaultBook();
    private final HitCounter hits = new HitCounter();
    private final EmulatorHttpServer server;
    private volatile int port = -1;

    private MwaaEmulator(Builder builder) {
        this.region = builder.region;
        this.requestedPort = builder.port;
        Map<String, EmulatedEnvironment> envs = new LinkedHashMap<>();
        builder.environments.forEach((name, env) -> envs.put(name,
                env != null ? env : EmulatedEnvironment.withGeneratedHostname(name, region)));
        this.environments = Collections.unmodifiableMap(envs);

        ShutdownSignal shutdown = new ShutdownSignal();
        LoginTokenStore tokens = new LoginTokenStore(builder.clock, builder.tokenTtl,
                TokenLedger.at(builder.tokenLedger));
        SigV4Verifier verifier = new SigV4Verifier(region, "airflow", builder.credentials, builder.clock);
        EmulatorRoutes routes = new EmulatorRoutes(
                new WebTokenEndpoint(environments, verifier, tokens, faults, hits, shutdown),
                new SsoEndpoints(tokens, builder.tokenTtl),
                new AdminEndpoint(region, environments, faults, hits));
        this.server = new EmulatorHttpServer(routes, builder.clock, new RequestLog(builder.log), shutdown);
    }

    public static Builder builder() {
        return new Builder();
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

    /** {@code http://127.0.0.1:<port>}: the MWAA endpoint override and the Airflow base URL alike. */
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
        return region;
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

    /** Arms and clears faults for an environment (which must exist, to catch typos). */
    public FaultControl faults(String environmentName) {
        return new FaultControl(faults, environment(environmentName).name());
    }

    /** Disarms every environment's fault. */
    public void clearFaults() {
        faults.clearAll();
    }

    /** Requests to {@code /webtoken/{name}} so far, rejected ones included; any name, configured or not. */
    public long hits(String name) {
        return hits.count(name);
    }

    /** Every name requested so far with its count. */
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
        private String region = "us-east-1";
        private int port = 0;
        private final Map<String, EmulatedEnvironment> environments = new LinkedHashMap<>();
        private final Map<String, EmulatorCredentials> credentials = new LinkedHashMap<>(
                Map.of(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT));
        private Clock clock = Clock.systemUTC();
        private Duration tokenTtl = LoginTokenStore.DEFAULT_TTL;
        private PrintStream log = System.err;
        private Path tokenLedger = Optional.ofNullable(System.getProperty(TOKEN_LEDGER_PROPERTY))
                .filter(value -> !value.isBlank()).map(Path::of).orElse(null);

        private Builder() {
        }

        /** The region requests must be signed for; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
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

        /** Adds an environment with a generated MWAA-style hostname and Airflow {@value EmulatedEnvironment#DEFAULT_AIRFLOW_VERSION}. */
        public Builder environment(String name) {
            if (!EmulatedEnvironment.isValidName(name)) {
                throw new IllegalArgumentException("not a valid MWAA environment name: " + name);
            }
            return add(name, null);
        }

        public Builder environment(String name, String webServerHostname, String airflowVersion) {
            return add(name, new EmulatedEnvironment(name, webServerHostname, airflowVersion));
        }

        private Builder add(String name, EmulatedEnvironment environment) {
            if (environments.containsKey(name)) {
                throw new IllegalArgumentException("environment '" + name + "' added twice");
            }
            environments.put(name, environment); // null: hostname generated at build(), once the region is known
            return this;
        }

        /** Registers another credential (the default pair stays registered unless this replaces its key id). */
        public Builder credentials(String accessKeyId, String secretAccessKey, String iamIdentity) {
            return credentials(EmulatorCredentials.of(accessKeyId, secretAccessKey, iamIdentity));
        }

        /** Registers a credential; with a session token, requests must carry and sign that token. */
        public Builder credentials(EmulatorCredentials credential) {
            credentials.put(credential.accessKeyId(), credential);
            return this;
        }

        /** The clock for signature skew checks, token expiry and Date headers; default the system clock. */
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
         * Appends every minted token to this file, one per line; null for none. Default: the file named by the
         * system property {@value MwaaEmulator#TOKEN_LEDGER_PROPERTY}, else none.
         */
        public Builder tokenLedger(Path file) {
            this.tokenLedger = file;
            return this;
        }

        public MwaaEmulator build() {
            return new MwaaEmulator(this);
        }
    }
}

package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.LocalProvider;
import dev.mwaalogin.local.image.AotImage;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.IOException;
import java.net.URI;

/**
 * Browser sign-in as measured: cold starts of a function configured for it ({@link Stage#signIn()}), and its warm
 * sign-in, all through {@link SignInFlow}. Every sign-in is a new person, so each callback does all a first sign-in
 * does: the code exchanged at the provider, the ID token verified, the person's role assumed with STS, a web login
 * token minted.
 */
final class SignInRuns {

    private final FunctionSetup setup;
    private final LocalProvider provider;
    private final String airflowBaseUrl;
    /** The container image's entrypoint command and task root, or null: the zip under the runtime client. */
    private final AotImage image;
    private int people;

    SignInRuns(FunctionSetup setup, LocalProvider provider, String airflowBaseUrl) {
        this(setup, provider, airflowBaseUrl, null);
    }

    private SignInRuns(FunctionSetup setup, LocalProvider provider, String airflowBaseUrl, AotImage image) {
        this.setup = setup;
        this.provider = provider;
        this.airflowBaseUrl = airflowBaseUrl;
        this.image = image;
    }

    /** The same configuration, provider and people's numbering, started as the container image starts. */
    SignInRuns asImage(AotImage aotImage) {
        return new SignInRuns(setup, provider, airflowBaseUrl, aotImage);
    }

    /**
     * A browser's first visit to a cold function, and its return from the provider.
     *
     * @param totalMs         spawn to the answer of the first {@code GET /login} (a 302 to the provider)
     * @param initMs          of which init
     * @param firstCallbackMs the callback that follows, the first after init: code to 302 into Airflow
     */
    record ColdLogin(double totalMs, double initMs, double firstCallbackMs) {
    }

    ColdLogin coldLogin() throws IOException {
        long started = System.nanoTime();
        try (FunctionProcess process = start()) {
            double init = process.awaitInit().toNanos() / 1e6;
            SignInFlow flow = flow(process);
            SignInFlow.Started login = flow.login();
            double total = (System.nanoTime() - started) / 1e6;
            URI callback = flow.approve(login.authorize(), nextPerson(), Stage.ADMINS_GROUP);
            return new ColdLogin(total, init, flow.callback(callback, login.flowCookie()).millis());
        }
    }

    /** Spawn to the answer of a script's first {@code GET /login?format=json} with a bearer token (a 200). */
    double coldBearer() throws IOException {
        String token = SignInFlow.token(provider, nextPerson(), Stage.ADMINS_GROUP);
        long started = System.nanoTime();
        try (FunctionProcess process = start()) {
            flow(process).bearer(token);
            return (System.nanoTime() - started) / 1e6;
        }
    }

    /**
     * Warm sign-in in one execution environment: each round a browser starts a sign-in ({@code login}), comes back
     * from the provider ({@code callback}), and a script logs in with a bearer token ({@code bearer}); and, for
     * scale, the benchmark exchanges a code at the provider itself ({@link ProviderExchange}). After as many rounds
     * to warm up, the durations go into {@code samples} as {@code signInWarmLogin}, {@code signInWarmCallback},
     * {@code signInWarmBearer} and {@code providerToken}, each name followed by {@code suffix}.
     */
    void warm(int warmUp, int rounds, Samples samples, String suffix) throws IOException {
        ProviderExchange exchange = new ProviderExchange(provider);
        try (FunctionProcess process = start()) {
            process.awaitInit();
            SignInFlow flow = flow(process);
            for (int i = -warmUp; i < rounds; i++) {
                SignInFlow.Started login = flow.login();
                URI callback = flow.approve(login.authorize(), nextPerson(), Stage.ADMINS_GROUP);
                SignInFlow.Step back = flow.callback(callback, login.flowCookie());
                SignInFlow.Step script = flow.bearer(SignInFlow.token(provider, nextPerson(), Stage.ADMINS_GROUP));
                double token = exchange.exchange(nextPerson(), Stage.ADMINS_GROUP);
                if (i >= 0) {
                    samples.add("signInWarmLogin" + suffix, login.step().millis());
                    samples.add("signInWarmCallback" + suffix, back.millis());
                    samples.add("signInWarmBearer" + suffix, script.millis());
                    samples.add("providerToken" + suffix, token);
                }
            }
        }
    }

    private FunctionProcess start() throws IOException {
        if (image != null) {
            return FunctionProcess.start(image.command(), image.taskRoot(), setup.function(), setup.environment(),
                    line -> { });
        }
        return FunctionProcess.start(setup.taskRoot(), setup.function(), setup.environment(), line -> { });
    }

    private SignInFlow flow(FunctionProcess process) {
        return new SignInFlow(process, provider, airflowBaseUrl);
    }

    private String nextPerson() {
        return "person-" + (++people);
    }
}

package dev.mwaalogin;

import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.aws.AwsClients;
import dev.mwaalogin.aws.MwaaRestApi;
import dev.mwaalogin.aws.MwaaTokens;
import dev.mwaalogin.identity.Callers;
import dev.mwaalogin.identity.IdentitySettings;
import dev.mwaalogin.identity.PersonSessions;
import dev.mwaalogin.identity.TokenIdentity;
import dev.mwaalogin.signin.BrowserSignIn;
import dev.mwaalogin.signin.SignInSecrets;
import dev.mwaalogin.aws.UpstreamHttp;
import dev.mwaalogin.oidc.OidcHttp;
import dev.mwaalogin.oidc.OidcProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/**
 * Builds a {@link LoginService} from its {@link Config}: the one way one is made, for the function, SnapStart's
 * priming, the local tools and the tests alike. Each setting has the function's default; the others are for running
 * it against something else than AWS (canned answers, an emulator, a test's clock).
 *
 * <p>Builds the SDK clients once (STS only where people sign in as themselves, Secrets Manager only where browsers
 * sign in); calls nothing, and fetches no secret, until the first request needs it.
 */
public final class LoginServiceBuilder {

    private final Config config;
    private SdkHttpClient http;
    private AwsCredentialsProvider credentials;
    private Consumer<String> metrics;
    private Clock clock = Clock.systemUTC();
    private OidcHttp providerHttp;

    LoginServiceBuilder(Config config) {
        this.config = config;
    }

    /** The HTTP client every AWS call uses; default: URLConnection, each connection bounded by the deadline. */
    public LoginServiceBuilder http(SdkHttpClient http) {
        this.http = http;
        return this;
    }

    /** The function's own credentials; default: the SDK's default chain, resolved on the first call. */
    public LoginServiceBuilder credentials(AwsCredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    /** Where the metric lines go; default: standard output, which Lambda sends to CloudWatch. */
    public LoginServiceBuilder metrics(Consumer<String> sink) {
        this.metrics = sink;
        return this;
    }

    /** The clock of tokens' expiry, sessions, the sign-in's cookies and the metrics; default: the system's. */
    public LoginServiceBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How the identity provider is called (browser sign-in); default: URLConnection. */
    public LoginServiceBuilder providerHttp(OidcHttp providerHttp) {
        this.providerHttp = providerHttp;
        return this;
    }

    public LoginService build() {
        Duration timeout = config.upstreamTimeout();
        AwsClients aws = new AwsClients(config.region(), config.endpoints(), timeout,
                http != null ? http : UpstreamHttp.client(timeout),
                credentials != null ? credentials : DefaultCredentialsProvider.builder().build());
        MwaaClient mwaa = aws.mwaa();
        IdentitySettings identity = config.identity();
        TokenIdentity tokens = new TokenIdentity(identity);
        // STS is only built when people sign in as themselves: a shared-identity function never loads it.
        PersonSessions sessions = identity.isShared() ? null : new PersonSessions(aws.sts(), clock, timeout);
        // Browser sign-in's provider and secrets only when it is on; nothing is fetched until first use.
        BrowserSignIn signIn = config.signIn().map(settings -> new BrowserSignIn(config.allowedEnvironments(),
                config.region(), tokens, new SignInSecrets(settings, aws.secretsManager(), clock, timeout),
                this::provider, clock)).orElse(null);
        return new LoginService(config, new Callers(identity, tokens), sessions,
                new MwaaTokens(mwaa, clock, timeout, config.airflowBaseUrl().isEmpty()), new MwaaRestApi(mwaa, timeout),
                new AirflowLoginPaths(config.loginPath(), config.airflowVersions(), mwaa, clock, timeout), signIn,
                new LoginLog(metrics != null ? new LoginMetrics(metrics, clock) : LoginMetrics.toStandardOutput()));
    }

    private OidcProvider provider(String issuer) {
        OidcProvider.Builder provider = OidcProvider.builder(issuer).clock(clock);
        return (providerHttp != null ? provider.http(providerHttp) : provider).build();
    }
}

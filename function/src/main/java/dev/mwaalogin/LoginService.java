package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import dev.mwaalogin.Config.ResponseMode;
import dev.mwaalogin.internal.AcceptHeader;
import dev.mwaalogin.internal.AcceptHeader.Preference;
import dev.mwaalogin.internal.CannedHttpClient;
import dev.mwaalogin.internal.UpstreamHttp;
import dev.mwaalogin.oidc.OidcProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/**
 * The decisions between a request and a login: route, method, response format, name and allow-list checks, who the
 * caller is and which Airflow role they get, the deadline, and which answer each failure becomes. Never throws:
 * every outcome is a {@link LoginResponse}.
 *
 * <p>Checks run cheapest and most certain first, and all of them before AWS is called, so bad input costs nothing
 * and can never reach STS or MWAA. Each request logs one line ({@link LoginLog}).
 */
public final class LoginService {

    private static final String LOGIN = "/login";
    private static final String LOGIN_SLASH = "/login/";
    private static final String ENVIRONMENT_ROUTE = "{environment}";

    private final Config config;
    private final MwaaTokens tokens;
    private final AirflowLoginPaths loginPaths;
    private final PersonSessions sessions;
    private final BrowserSignIn signIn;
    private final LoginMetrics metrics;
    private final TokenIdentity tokenIdentity;

    LoginService(Config config, MwaaTokens tokens, AirflowLoginPaths loginPaths, PersonSessions sessions,
                 BrowserSignIn signIn, LoginMetrics metrics) {
        this.config = config;
        this.tokens = tokens;
        this.loginPaths = loginPaths;
        this.sessions = sessions;
        this.signIn = signIn;
        this.metrics = metrics;
        this.tokenIdentity = new TokenIdentity(config.identity());
    }

    /** The service the function runs: the default credential chain (SnapStart-safe), real AWS endpoints. */
    public static LoginService create(Config config) {
        return create(config, UpstreamHttp.client(config.upstreamTimeout()),
                DefaultCredentialsProvider.builder().build());
    }

    static LoginService create(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return create(config, http, credentials, LoginMetrics.toStandardOutput());
    }

    static LoginService create(Config config, SdkHttpClient http, AwsCredentialsProvider credentials,
                               LoginMetrics metrics) {
        MwaaClient mwaa = SdkClients.mwaa(config, http, credentials, new MwaaTokens.KeepRequestIdOfUnreadableAnswers());
        MwaaTokens tokens = new MwaaTokens(mwaa, Clock.systemUTC(), config.upstreamTimeout(),
                config.airflowBaseUrl().isEmpty());
        // STS is only built when people sign in as themselves: a shared-identity function never loads it.
        PersonSessions sessions = config.identity().isShared() ? null : new PersonSessions(
                SdkClients.sts(config, http, credentials), Clock.systemUTC(), config.upstreamTimeout());
        // Browser sign-in's provider and secrets only when it is on; nothing is fetched until first use.
        BrowserSignIn signIn = config.signIn().map(settings -> new BrowserSignIn(config,
                new SignInSecrets(settings, SdkClients.secretsManager(config, http, credentials), Clock.systemUTC(),
                        config.upstreamTimeout()),
                issuer -> OidcProvider.builder(issuer).build(), Clock.systemUTC())).orElse(null);
        return new LoginService(config, tokens, new AirflowLoginPaths(config, mwaa, Clock.systemUTC()), sessions,
                signIn, metrics);
    }

    /**
     * The same decisions over in-memory AWS answers and fake credentials, for warming the request path before a
     * SnapStart snapshot: nothing real is called, resolved or kept.
     */
    LoginService forPriming() {
        Config priming = config.withIdentityForPriming();
        CannedHttpClient aws = CannedHttpClient.primingAnswers(BrowserPriming.secretAnswer());
        AwsCredentialsProvider fake = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming-secret-not-a-real-key"));
        LoginService gateway = create(priming.withoutSignIn(), aws, fake, LoginMetrics.none());
        if (priming.signIn().isEmpty()) {
            return gateway;
        }
        // Browser sign-in over an in-memory provider and secret; no variable's setting can point it anywhere real.
        Config browser = priming.withSignInForPriming();
        BrowserSignIn signIn = new BrowserSignIn(browser, new SignInSecrets(browser.signIn().orElseThrow(),
                SdkClients.secretsManager(browser, aws, fake), Clock.systemUTC(), browser.upstreamTimeout()),
                issuer -> OidcProvider.builder(issuer).http(BrowserPriming.provider()).build(), Clock.systemUTC());
        return new LoginService(browser, gateway.tokens, gateway.loginPaths, gateway.sessions, signIn,
                LoginMetrics.none());
    }

    /** Whether this service signs browsers in itself (priming then sends the sign-in's requests too). */
    boolean signsBrowsersIn() {
        return signIn != null;
    }

    String defaultEnvironment() {
        return config.defaultEnvironment();
    }

    /** The answer to an event that could not be read as an API Gateway proxy event. */
    public LoginResponse unreadableEvent(Context context) {
        LoginLog log = new LoginLog(context, null, metrics);
        return log.reject(Problem.UNREADABLE_REQUEST);
    }

    public LoginResponse handle(LoginRequest request, Context context) {
        LoginLog log = new LoginLog(context, request.gateway().requestId(), metrics);
        try {
            Preference preference = AcceptHeader.preference(request.accept());
            // A caller who asked for JSON by name gets JSON errors too, whatever its Accept header prefers.
            log.html = preference == Preference.HTML && !"json".equalsIgnoreCase(request.format());
            if (signIn != null && isSignInRoute(request.path())) {
                return signInRoute(request, context, log);
            }
            String environment = requestedEnvironment(request);
            if (environment == null) {
                return log.reject(Problem.NO_SUCH_ROUTE);
            }
            if (!"GET".equals(request.method())) {
                return log.reject(Problem.METHOD_NOT_ALLOWED);
            }
            ResponseMode mode = responseMode(request.format(), preference);
            if (mode == null) {
                return log.reject(Problem.INVALID_FORMAT);
            }
            if (!Config.ENVIRONMENT_NAME.matcher(environment).matches()) {
                return log.reject(Problem.INVALID_ENVIRONMENT_NAME);
            }
            log.environment = environment;
            if (!config.allowedEnvironments().contains(environment)) {
                return log.reject(Problem.ENVIRONMENT_NOT_ALLOWED);
            }
            if (signIn == null) {
                return login(environment, gatewayCaller(request), mode, List.of(), null, log, context);
            }
            // Browser sign-in: the function itself vouches for the caller, by its session or a bearer token.
            Deadline deadline = Deadline.start(config.upstreamTimeout(), context);
            Optional<BrowserSignIn.SignedIn> signedIn = signIn.signedIn(request, deadline);
            if (signedIn.isPresent() && !signedIn.get().recheckDue()) {
                return login(environment, Optional.of(signedIn.get().caller()), mode, List.of(), deadline, log,
                        context);
            }
            if (mode == ResponseMode.JSON) {
                return log.reject(Problem.SIGN_IN_REQUIRED);
            }
            if (signedIn.isPresent()) {
                // Renewed with the provider, without a prompt, before it signs anyone in again.
                log.caller(signedIn.get().caller());
                return log.recheckSession(signIn.start(environment, request, deadline, signedIn.get(), List.of()));
            }
            return log.startSignIn(signIn.start(environment, request, deadline));
        } catch (SignInRefused refused) {
            if (!refused.cookies().isEmpty()) {
                log.cookies = refused.cookies();
            }
            return log.reject(refused.problem(), refused.reason());
        } catch (UpstreamCallFailed failed) {
            log.upstreamFailed(failed);
            return log.reject(problemFor(failed, log.environment, log.personalRole, context), failed.service() + "/"
                    + failed.errorCode());
        } catch (RuntimeException | Error unexpected) {
            // Even an Error: the caller gets a clean 500 and the operator a log line, never a stack trace.
            return log.reject(Problem.INTERNAL, unexpected.getClass().getName());
        }
    }

    private static boolean isSignInRoute(String path) {
        return BrowserSignIn.CALLBACK.equals(path) || BrowserSignIn.LOGOUT.equals(path);
    }

    /** {@code /oauth2/callback} finishes a sign-in and continues the login it began; {@code /logout} ends one. */
    private LoginResponse signInRoute(LoginRequest request, Context context, LoginLog log) {
        if (!"GET".equals(request.method())) {
            return log.reject(Problem.METHOD_NOT_ALLOWED);
        }
        log.html = !"json".equalsIgnoreCase(request.format());
        Deadline deadline = Deadline.start(config.upstreamTimeout(), context);
        if (BrowserSignIn.LOGOUT.equals(request.path())) {
            return log.signOut(signIn.logout(request, deadline));
        }
        BrowserSignIn.Callback answer = signIn.complete(request, deadline);
        if (answer instanceof BrowserSignIn.Restart restart) {
            return log.sessionEnded(restart.response());
        }
        BrowserSignIn.Completion done = (BrowserSignIn.Completion) answer;
        log.environment = done.environment();
        return login(done.environment(), Optional.of(done.caller()), ResponseMode.REDIRECT, done.cookies(), deadline,
                log, context);
    }

    /**
     * The login itself, for a caller that may sign in: their Airflow role, their own session where roles are mapped,
     * the token, the answer.
     *
     * @param cookies  cookies to set with the answer, whatever it is (a new session stays set even when refused)
     * @param deadline the request's deadline if already started, else null
     */
    private LoginResponse login(String environment, Optional<Caller> caller, ResponseMode mode, List<String> cookies,
                                Deadline deadline, LoginLog log, Context context) {
        log.cookies = cookies;
        caller.ifPresent(log::caller);
        Grant grant = grant(caller);
        if (grant.refusal() != null) {
            return log.reject(grant.refusal());
        }
        log.airflowRole = grant.role();
        log.personalRole = grant.roleArn() == null ? null : grant.role();
        Deadline clock = deadline != null ? deadline : Deadline.start(config.upstreamTimeout(), context);
        AwsCredentialsProvider credentials = grant.roleArn() == null ? null
                : sessions.credentials(grant.roleArn(), grant.sessionName(), clock);
        WebLogin login = tokens.mint(environment, credentials, clock);
        log.mwaaRequestId = login.mwaaRequestId();
        AirflowLoginPaths.LoginPath page = loginPaths.forEnvironment(environment, clock);
        log.page = page;
        String url = config.airflowBaseUrl().orElseGet(() -> "https://" + login.hostname())
                + page.path() + "?login=true#" + login.webToken();
        return log.accept(mode == ResponseMode.JSON
                ? Responses.json(login, url, grant.person(), grant.role(), cookies)
                : Responses.redirect(url, cookies));
    }

    /** The environment the request names, unvalidated; null when the path is not one of ours. */
    private String requestedEnvironment(LoginRequest request) {
        String path = request.path() == null ? "" : request.path();
        if (path.equals(LOGIN)) {
            return config.defaultEnvironment();
        }
        if (!path.startsWith(LOGIN_SLASH)) {
            return null;
        }
        String segment = path.substring(LOGIN_SLASH.length());
        if (segment.isEmpty() || segment.indexOf('/') >= 0) {
            return null;
        }
        if (request.environmentParameter() != null) {
            return request.environmentParameter();
        }
        if (segment.equals(ENVIRONMENT_ROUTE)) {
            return "";
        }
        try {
            // A raw path arrives percent-encoded; whatever it decodes to still has to pass the name pattern.
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return "";
        }
    }

    /** An explicit {@code format} wins, then the Accept header, then the configured default; null if invalid. */
    private ResponseMode responseMode(String format, Preference preference) {
        if (format != null && !format.isEmpty()) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json":
                    return ResponseMode.JSON;
                case "redirect":
                    return ResponseMode.REDIRECT;
                default:
                    return null;
            }
        }
        if (preference == Preference.JSON) {
            return ResponseMode.JSON;
        }
        return preference == Preference.HTML ? ResponseMode.REDIRECT : config.defaultResponse();
    }

    /**
     * Who API Gateway's authorizer vouched for, read only from the source {@code AUTH_MODE} names: a JWT's person and
     * groups ({@link AuthorizerToken}, {@link TokenIdentity}), or the signing IAM principal ({@link Callers}).
     *
     * @throws SignInRefused a token that names no one the configuration trusts, where people sign in as themselves
     */
    private Optional<Caller> gatewayCaller(LoginRequest request) {
        IdentitySettings identity = config.identity();
        LoginRequest.Authorizer authorizer = request.authorizer();
        try {
            if (!authorizer.jwtClaims().isEmpty() && identity.authMode().acceptsJwt()) {
                return Optional.of(tokenIdentity.caller(AuthorizerToken.claims(request.authorization(),
                        authorizer.jwtClaims()), Caller.Source.JWT_AUTHORIZER));
            }
            return identity.authMode().acceptsIam() ? Callers.fromPrincipalArn(authorizer.principalArn(), identity)
                    : Optional.empty();
        } catch (SignInRefused refused) {
            // The shared identity signs in whoever the authorizer let through; who it was only goes to the log.
            if (identity.isShared()) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** Shared identity, the caller's own session for their mapped role, or a refusal (deny by default). */
    private Grant grant(Optional<Caller> caller) {
        IdentitySettings identity = config.identity();
        if (identity.isShared()) {
            return new Grant(null, AirflowRole.named(config.airflowRole()).orElse(null), null, null, null);
        }
        if (caller.isEmpty()) {
            return Grant.refused(Problem.NO_IDENTITY);
        }
        Optional<AirflowRole> role = identity.mapping().roleFor(caller.get());
        if (role.isEmpty()) {
            return Grant.refused(Problem.NO_AIRFLOW_ROLE);
        }
        String roleArn = identity.roleArns().get(role.get());
        String sessionName = SessionNames.of(caller.get().person(),
                SessionNames.maxLengthFor(IdentitySettings.roleName(roleArn)));
        return new Grant(caller.get().person(), role.get(), roleArn, sessionName, null);
    }

    /**
     * What the caller may sign in as.
     *
     * @param person      the person signing in as themselves, or null for the shared identity
     * @param role        the Airflow role, when known
     * @param roleArn     the IAM role to assume for the person, or null for the function's own identity
     * @param sessionName the person as STS and MWAA take it
     * @param refusal     why the caller may not sign in at all, or null
     */
    private record Grant(String person, AirflowRole role, String roleArn, String sessionName, Problem refusal) {
        static Grant refused(Problem refusal) {
            return new Grant(null, null, null, null, refusal);
        }
    }

    /** @param role the person's Airflow role, or null for the shared identity */
    private Problem problemFor(UpstreamCallFailed failed, String environment, AirflowRole role, Context context) {
        if (failed.service() == UpstreamCallFailed.Service.STS) {
            return Problem.forSts(failed.kind());
        }
        if (failed.service() != UpstreamCallFailed.Service.MWAA) {
            return failed.kind() == UpstreamCallFailed.Kind.TIMEOUT ? Problem.PROVIDER_TIMEOUT
                    : Problem.SIGN_IN_UNAVAILABLE;
        }
        switch (failed.kind()) {
            case NOT_FOUND:
                return Problem.mwaaEnvironmentNotFound(config.region());
            case ACCESS_DENIED:
                return Problem.mwaaAccessDenied(permissionFor(environment, role, context), role != null);
            default:
                return Problem.forMwaa(failed.kind());
        }
    }

    /** Names the exact grant that is missing, with partition and account taken from the function's own ARN. */
    private String permissionFor(String environment, AirflowRole role, Context context) {
        String partition = "aws";
        String account = "{account-id}";
        String arn = context == null ? null : context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length > 4 && parts[1].matches("aws[a-z-]*") && parts[4].matches("[0-9]{12}")) {
            partition = parts[1];
            account = parts[4];
        }
        return "airflow:CreateWebLoginToken on arn:" + partition + ":airflow:" + config.region() + ":" + account
                + ":role/" + environment + "/" + (role == null ? config.airflowRole() : role.name());
    }
}

package dev.mwaalogin;

import dev.mwaalogin.api.ApiPaths;
import dev.mwaalogin.api.ApiRequest;
import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.aws.MwaaRestApi;
import dev.mwaalogin.aws.MwaaTokens;
import dev.mwaalogin.aws.WebLogin;
import dev.mwaalogin.home.HomePage;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.Caller;
import dev.mwaalogin.identity.Callers;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.identity.PersonSessions;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.request.LoginRequest;
import dev.mwaalogin.signin.BrowserSignIn;
import dev.mwaalogin.Config.ResponseMode;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.Outcome.Facts;
import dev.mwaalogin.Outcome.Kind;
import dev.mwaalogin.internal.AcceptHeader;
import dev.mwaalogin.internal.AcceptHeader.Preference;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The decisions between a request and a login, top to bottom: the route, the method, the response format, the
 * environment's name and allow-list, who the caller is and what they may sign in as, then the person's session and
 * the token. {@link #handle} returns what a request came to as an {@link Outcome}; {@link #answer} also turns it into
 * the HTTP answer and the log line. Never throws.
 *
 * <p>Checks run cheapest and most certain first, and all of them before AWS is called, so bad input costs nothing
 * and can never reach STS or MWAA. Build one with {@link #builder}.
 */
public final class LoginService {

    private static final String LOGIN = "/login";
    private static final String LOGIN_SLASH = "/login/";
    private static final String API = "/api/";
    private static final String ENVIRONMENT_ROUTE = "{environment}";

    private final Config config;
    private final Callers callers;
    private final PersonSessions sessions;
    private final MwaaTokens tokens;
    private final MwaaRestApi restApi;
    private final AirflowLoginPaths loginPaths;
    private final BrowserSignIn signIn;
    private final LoginLog log;

    /**
     * @param sessions people's own sessions; null where everyone shares the function's identity
     * @param signIn   browser sign-in; null where API Gateway's authorizer vouches for callers
     */
    LoginService(Config config, Callers callers, PersonSessions sessions, MwaaTokens tokens, MwaaRestApi restApi,
                 AirflowLoginPaths loginPaths, BrowserSignIn signIn, LoginLog log) {
        this.config = config;
        this.callers = callers;
        this.sessions = sessions;
        this.tokens = tokens;
        this.restApi = restApi;
        this.loginPaths = loginPaths;
        this.signIn = signIn;
        this.log = log;
    }

    /** A service for {@code config}: real AWS and the default credential chain unless told otherwise. */
    public static LoginServiceBuilder builder(Config config) {
        return new LoginServiceBuilder(config);
    }

    /** Decides, answers and logs one request: what an entry class calls. Never throws. */
    public LoginResponse answer(LoginRequest request, Invocation invocation) {
        return answered(handle(request, invocation), invocation);
    }

    /** The answer to an event that could not be read as an API Gateway proxy event. */
    public LoginResponse answerUnreadable(Invocation invocation) {
        return answered(failed(Facts.of(null, false), new Failure.Refused(Reason.UNREADABLE_REQUEST, null),
                invocation), invocation);
    }

    private LoginResponse answered(Outcome outcome, Invocation invocation) {
        LoginResponse response = Responses.of(outcome, invocation.requestId());
        log.write(outcome, response.statusCode(), invocation);
        return response;
    }

    /** What a request comes to. Never throws. */
    public Outcome handle(LoginRequest request, Invocation invocation) {
        Preference preference = AcceptHeader.preference(request.accept());
        // A caller who asked for JSON by name gets JSON errors too, whatever its Accept header prefers.
        Facts facts = Facts.of(request.gateway().requestId(), preference == Preference.HTML
                && !"json".equalsIgnoreCase(request.format()));
        try {
            // The routes, decided here and nowhere else.
            String path = request.path() == null ? "" : request.path();
            if (signIn != null && (path.equals(BrowserSignIn.CALLBACK) || path.equals(BrowserSignIn.LOGOUT))) {
                return signInRoute(path, request, facts, invocation);
            }
            if (path.startsWith(API)) {
                return api(request, facts.html(false), invocation);
            }
            if (path.equals(BrowserSignIn.HOME)) {
                return home(request, facts, preference, invocation);
            }
            String environment = loginEnvironment(path, request.environmentParameter());
            if (environment == null) {
                return failed(facts, Reason.NO_SUCH_ROUTE, invocation);
            }
            if (!"GET".equals(request.method())) {
                return failed(facts, Reason.METHOD_NOT_ALLOWED, invocation);
            }
            ResponseMode mode = responseMode(request.format(), preference);
            if (mode == null) {
                return failed(facts, Reason.INVALID_FORMAT, invocation);
            }
            if (!Config.ENVIRONMENT_NAME.matcher(environment).matches()) {
                return failed(facts, Reason.INVALID_ENVIRONMENT_NAME, invocation);
            }
            facts = facts.environment(environment);
            if (!config.allowedEnvironments().contains(environment)) {
                return failed(facts, Reason.ENVIRONMENT_NOT_ALLOWED, invocation);
            }
            Deadline deadline = invocation.deadline(config.upstreamTimeout());
            if (signIn == null) {
                Optional<Caller> caller = callers.vouchedFor(request.authorizer(), request.authorization());
                return login(facts, caller, mode, deadline, invocation);
            }
            // Browser sign-in: the function itself vouches for the caller, by its session or a bearer token.
            Optional<BrowserSignIn.SignedIn> signedIn = signIn.signedIn(request, deadline);
            if (signedIn.isPresent() && !signedIn.get().recheckDue()) {
                return login(facts, Optional.of(signedIn.get().caller()), mode, deadline, invocation);
            }
            if (mode == ResponseMode.JSON) {
                return failed(facts, Reason.SIGN_IN_REQUIRED, invocation);
            }
            if (signedIn.isPresent()) {
                // Renewed with the provider, without a prompt, before it signs anyone in again.
                facts = facts.caller(signedIn.get().caller());
                return toProvider(Kind.SESSION_RECHECK, facts, signIn.start(environment, request, deadline,
                        signedIn.get(), List.of()));
            }
            return toProvider(Kind.SIGN_IN_STARTED, facts, signIn.start(environment, request, deadline));
        } catch (RuntimeException | Error thrown) {
            return failed(facts, thrown, invocation);
        }
    }

    /**
     * {@code /api/{environment}/{path+}}: one Airflow REST call, as the person, if they are vouched for by a bearer
     * token or a signature (never a cookie), mapped to a role, and the call allowed by {@code API_PATHS}. Answers
     * JSON whatever the caller accepts: a script calls it.
     */
    private Outcome api(LoginRequest request, Facts known, Invocation invocation) {
        Facts facts = known;
        try {
            String environment = request.environmentParameter();
            String airflowPath = request.apiPath();
            if (environment == null || airflowPath == null && request.path().indexOf('{') < 0) {
                String[] parts = ApiRequest.environmentAndPath(request.path());
                environment = parts == null ? null : parts[0];
                airflowPath = parts == null ? null : parts[1];
            }
            if (environment == null) {
                return failed(facts, Reason.NO_SUCH_ROUTE, invocation);
            }
            // List.of(...).contains(null) throws: an event without a method is simply not one MWAA takes.
            if (request.method() == null || !ApiPaths.METHODS.contains(request.method())) {
                return failed(facts, Reason.API_METHOD_NOT_ALLOWED, invocation);
            }
            facts = facts.api(new Outcome.Api(request.method(), null));
            if (config.identity().isShared()) {
                // No person to call Airflow as: /api is off, whoever asks.
                return failed(facts, Reason.API_NEEDS_ROLE_MAPPING, invocation);
            }
            if (!Config.ENVIRONMENT_NAME.matcher(environment).matches()) {
                return failed(facts, Reason.INVALID_ENVIRONMENT_NAME, invocation);
            }
            facts = facts.environment(environment);
            if (!config.allowedEnvironments().contains(environment)) {
                return failed(facts, Reason.ENVIRONMENT_NOT_ALLOWED, invocation);
            }
            Deadline deadline = invocation.deadline(config.upstreamTimeout());
            Optional<Caller> caller;
            if (signIn == null) {
                caller = callers.vouchedFor(request.authorizer(), request.authorization());
            } else if (request.authorization() == null) {
                // A browser's cookie would let any page the person visits call Airflow as them (CSRF): never here.
                return failed(facts, Reason.API_BEARER_REQUIRED, invocation);
            } else {
                caller = signIn.signedIn(request, deadline).map(BrowserSignIn.SignedIn::caller);
            }
            if (caller.isEmpty()) {
                return failed(facts, signIn == null ? Reason.NO_IDENTITY : Reason.API_BEARER_REQUIRED, invocation);
            }
            facts = facts.caller(caller.get());
            ApiRequest call = ApiRequest.of(request, airflowPath);
            Optional<ApiPaths.Rule> rule = config.apiPaths().allowing(call.method(), call.segments());
            if (rule.isEmpty()) {
                return failed(facts, Reason.API_NOT_ALLOWED, invocation);
            }
            facts = facts.api(new Outcome.Api(call.method(), rule.get().text()));
            Grant grant = Grant.of(caller, config.identity(), Optional.empty(), environment);
            if (grant instanceof Grant.Refused refused) {
                return failed(facts, refused.reason(), invocation);
            }
            facts = facts.grant(grant);
            Grant.Personal personal = (Grant.Personal) grant;
            AwsCredentialsProvider credentials = sessions.credentials(personal.roleArn(), personal.sessionName(),
                    deadline);
            return Outcome.forwarded(facts, restApi.invoke(environment, call.method(), call.path(), call.query(),
                    call.body(), credentials, deadline));
        } catch (RuntimeException | Error thrown) {
            return failed(facts, thrown, invocation);
        }
    }

    /**
     * {@code /}: the environments the caller may open, each with its Airflow version and the role they would get
     * there. In browser modes someone not signed in is sent to sign in (and back here), or, asking JSON, refused.
     */
    private Outcome home(LoginRequest request, Facts known, Preference preference, Invocation invocation) {
        Facts facts = known;
        try {
            if (!"GET".equals(request.method())) {
                return failed(facts, Reason.METHOD_NOT_ALLOWED, invocation);
            }
            ResponseMode mode = responseMode(request.format(), preference);
            if (mode == null) {
                return failed(facts, Reason.INVALID_FORMAT, invocation);
            }
            // Without a preference the page: a person opening the address wants it, a script asks for JSON.
            boolean json = mode == ResponseMode.JSON && (preference == Preference.JSON
                    || "json".equalsIgnoreCase(request.format()));
            Deadline deadline = invocation.deadline(config.upstreamTimeout());
            if (signIn == null) {
                if (config.identity().isShared()) {
                    // Everyone is the function's one Airflow user: the list names no one.
                    return homePage(facts, null, json, deadline, invocation);
                }
                Optional<Caller> caller = callers.vouchedFor(request.authorizer(), request.authorization());
                if (caller.isEmpty()) {
                    return failed(facts, Reason.NO_IDENTITY, invocation);
                }
                return homePage(facts, caller.get(), json, deadline, invocation);
            }
            Optional<BrowserSignIn.SignedIn> signedIn = signIn.signedIn(request, deadline);
            if (signedIn.isPresent() && !signedIn.get().recheckDue()) {
                return homePage(facts, config.identity().isShared() ? null : signedIn.get().caller(), json, deadline,
                        invocation);
            }
            if (json) {
                return failed(facts, Reason.SIGN_IN_REQUIRED, invocation);
            }
            if (signedIn.isPresent()) {
                return toProvider(Kind.SESSION_RECHECK, facts.caller(signedIn.get().caller()), signIn.start(
                        BrowserSignIn.HOME, request, deadline, signedIn.get(), List.of()));
            }
            return toProvider(Kind.SIGN_IN_STARTED, facts, signIn.start(BrowserSignIn.HOME, request, deadline));
        } catch (RuntimeException | Error thrown) {
            return failed(facts, thrown, invocation);
        }
    }

    /** The list itself, for a caller vouched for (or null for the shared identity); refused when it is empty. */
    private Outcome homePage(Facts known, Caller caller, boolean json, Deadline deadline, Invocation invocation) {
        Facts facts = caller == null ? known : known.caller(caller);
        List<HomePage.Entry> entries = new java.util.ArrayList<>();
        for (String environment : config.allowedEnvironments()) {
            // The shared identity's role is the same everywhere; a person's is their highest rule there.
            Optional<String> role = config.identity().isShared() ? Optional.of(config.airflowRole())
                    : config.identity().mapping().roleFor(caller, environment).map(AirflowRole::name);
            role.ifPresent(name -> entries.add(new HomePage.Entry(environment, airflowVersion(environment, deadline),
                    name)));
        }
        if (entries.isEmpty()) {
            return failed(facts, Reason.NO_AIRFLOW_ROLE, invocation);
        }
        return Outcome.home(facts, new HomePage(caller == null ? null : caller.person(), entries), json);
    }

    private String airflowVersion(String environment, Deadline deadline) {
        String path = loginPaths.forEnvironment(environment, deadline).path();
        return path.equals(AirflowLoginPaths.AIRFLOW_3) ? "3" : path.equals(AirflowLoginPaths.AIRFLOW_2) ? "2"
                : "configured";
    }

    /** {@code /oauth2/callback} finishes a sign-in and continues the login it began; {@code /logout} ends one. */
    private Outcome signInRoute(String path, LoginRequest request, Facts facts, Invocation invocation) {
        if (!"GET".equals(request.method())) {
            return failed(facts, Reason.METHOD_NOT_ALLOWED, invocation);
        }
        Facts page = facts.html(!"json".equalsIgnoreCase(request.format()));
        try {
            Deadline deadline = invocation.deadline(config.upstreamTimeout());
            if (path.equals(BrowserSignIn.LOGOUT)) {
                return toProvider(Kind.SIGNED_OUT, page, signIn.logout(request, deadline));
            }
            BrowserSignIn.Callback callback = signIn.complete(request, deadline);
            if (callback instanceof BrowserSignIn.Redirect restart) {
                return toProvider(Kind.SESSION_ENDED, page, restart);
            }
            BrowserSignIn.Completion done = (BrowserSignIn.Completion) callback;
            if (done.environment().equals(BrowserSignIn.HOME)) {
                // Back to the page by a redirect, so the provider's code leaves the address bar and history.
                return Outcome.redirect(Kind.SIGNED_IN_HOME, page.caller(done.caller()).cookies(done.cookies()),
                        BrowserSignIn.HOME);
            }
            return login(page.environment(done.environment()).cookies(done.cookies()), Optional.of(done.caller()),
                    ResponseMode.REDIRECT, deadline, invocation);
        } catch (RuntimeException | Error thrown) {
            return failed(page, thrown, invocation);
        }
    }

    /**
     * The login itself, for a caller that may sign in: their Airflow role, their own session where roles are mapped,
     * the token, the page it goes to.
     */
    private Outcome login(Facts known, Optional<Caller> caller, ResponseMode mode, Deadline deadline,
                          Invocation invocation) {
        Facts facts = caller.map(known::caller).orElse(known);
        Grant grant = Grant.of(caller, config.identity(), AirflowRole.named(config.airflowRole()),
                facts.environment());
        if (grant instanceof Grant.Refused refused) {
            return failed(facts, refused.reason(), invocation);
        }
        facts = facts.grant(grant);
        try {
            AwsCredentialsProvider credentials = grant instanceof Grant.Personal personal
                    ? sessions.credentials(personal.roleArn(), personal.sessionName(), deadline) : null;
            WebLogin login = tokens.mint(facts.environment(), credentials, deadline);
            AirflowLoginPaths.LoginPath page = loginPaths.forEnvironment(facts.environment(), deadline);
            String url = config.airflowBaseUrl().orElseGet(() -> "https://" + login.hostname())
                    + page.path() + "?login=true#" + login.webToken();
            return Outcome.loggedIn(facts.page(page), login, url, mode == ResponseMode.JSON);
        } catch (RuntimeException | Error thrown) {
            return failed(facts, thrown, invocation);
        }
    }

    private static Outcome toProvider(Kind kind, Facts facts, BrowserSignIn.Redirect redirect) {
        return Outcome.redirect(kind, facts.cookies(redirect.cookies()), redirect.location());
    }

    private Outcome failed(Facts facts, Reason reason, Invocation invocation) {
        return failed(facts, new Failure.Refused(reason, null), invocation);
    }

    /** A failure a step reported, with the cookies it asks for; anything else thrown is an internal error. */
    private Outcome failed(Facts facts, Throwable thrown, Invocation invocation) {
        if (thrown instanceof Failed failed) {
            return failed(failed.cookies().isEmpty() ? facts : facts.cookies(failed.cookies()), failed.failure(),
                    invocation);
        }
        // Even an Error: the caller gets a clean 500 and the operator a log line, never a stack trace.
        return failed(facts, new Failure.Refused(Reason.INTERNAL, thrown.getClass().getName()), invocation);
    }

    private Outcome failed(Facts facts, Failure failure, Invocation invocation) {
        return Outcome.failed(facts, Problem.of(failure, config, facts, invocation), failure);
    }

    /**
     * The environment a login route names, unvalidated ({@code /login}: the default); null when the path is not a
     * login route.
     */
    private String loginEnvironment(String path, String environmentParameter) {
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
        if (environmentParameter != null) {
            return environmentParameter;
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
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> ResponseMode.JSON;
                case "redirect" -> ResponseMode.REDIRECT;
                default -> null;
            };
        }
        if (preference == Preference.JSON) {
            return ResponseMode.JSON;
        }
        return preference == Preference.HTML ? ResponseMode.REDIRECT : config.defaultResponse();
    }

    /** The time every request's upstream work is given ({@code MWAA_TIMEOUT_MS}). */
    public Duration upstreamTimeout() {
        return config.upstreamTimeout();
    }
}

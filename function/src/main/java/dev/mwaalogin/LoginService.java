package dev.mwaalogin;

import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.aws.MwaaTokens;
import dev.mwaalogin.aws.WebLogin;
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
    private static final String ENVIRONMENT_ROUTE = "{environment}";

    private final Config config;
    private final Callers callers;
    private final PersonSessions sessions;
    private final MwaaTokens tokens;
    private final AirflowLoginPaths loginPaths;
    private final BrowserSignIn signIn;
    private final LoginLog log;

    /**
     * @param sessions people's own sessions; null where everyone shares the function's identity
     * @param signIn   browser sign-in; null where API Gateway's authorizer vouches for callers
     */
    LoginService(Config config, Callers callers, PersonSessions sessions, MwaaTokens tokens,
                 AirflowLoginPaths loginPaths, BrowserSignIn signIn, LoginLog log) {
        this.config = config;
        this.callers = callers;
        this.sessions = sessions;
        this.tokens = tokens;
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
        Grant grant = Grant.of(caller, config.identity(), AirflowRole.named(config.airflowRole()));
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

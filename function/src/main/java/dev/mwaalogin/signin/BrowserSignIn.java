package dev.mwaalogin.signin;

import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.identity.Caller;
import dev.mwaalogin.identity.TokenIdentity;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.request.LoginRequest;
import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.internal.Cookies;
import dev.mwaalogin.oidc.AuthorizationRequest;
import dev.mwaalogin.oidc.CodeRejected;
import dev.mwaalogin.oidc.CookieSeal;
import dev.mwaalogin.oidc.EndSession;
import dev.mwaalogin.oidc.IdTokenVerifier;
import dev.mwaalogin.oidc.OidcException;
import dev.mwaalogin.oidc.OidcProvider;
import dev.mwaalogin.oidc.ProviderDeadline;
import dev.mwaalogin.oidc.ProviderMetadata;
import dev.mwaalogin.oidc.ProviderUnreachable;
import dev.mwaalogin.oidc.TokenExchange;
import dev.mwaalogin.oidc.TokenRejected;
import dev.mwaalogin.oidc.VerifiedClaims;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Browser sign-in with OpenID Connect, done by the function behind API Gateway with no authorizer there: the
 * authorization code flow with PKCE, {@code state} and {@code nonce}, and a session of its own in an encrypted
 * cookie. Knows the provider and the cookies, and answers with where the browser goes next ({@link Redirect}) or
 * who signed in ({@link Completion}); what a signed-in person may do, and the HTTP answer, are decided above it.
 *
 * <ul>
 *   <li>{@code GET /login[/{environment}]} with neither session nor bearer token: {@link #start}, a 302 to the
 *       provider, the flow's secrets in a sealed cookie that lasts {@link #FLOW_LENGTH};</li>
 *   <li>{@code GET /oauth2/callback}: {@link #complete}, the code exchanged and the ID token verified, a session
 *       cookie set, and the login it started continued;</li>
 *   <li>{@code GET /logout}: {@link #logout}, the session dropped and the provider's own sign-out next;</li>
 *   <li>a session cookie or an {@code Authorization: Bearer} token from the same provider: {@link #signedIn}.</li>
 * </ul>
 * The page to come back to is never a URL from the request: the flow cookie names an allowed environment only.
 *
 * <p>A session follows the provider: once it is older than the recheck period ({@code sessionRecheckMinutes}) it
 * signs no one in until {@link #start} has sent the browser through the provider again without a prompt
 * ({@code prompt=none}). The provider's new ID token then replaces the person and groups the session held; its
 * {@code login_required} (the person is signed out there) or a refusal ends the session. So a person the provider
 * no longer signs in, or who left a group, keeps what they had for at most the recheck period. The session keeps the
 * ID token (when it fits the cookie) for the provider's sign-out, as {@code id_token_hint}.
 */
public final class BrowserSignIn {

    public static final String CALLBACK = "/oauth2/callback";
    public static final String LOGOUT = "/logout";
    /** Where a sign-in started at the home page returns: the page, not an environment's login. */
    public static final String HOME = "/";
    static final String FLOW_COOKIE = "__Host-mwaa-login-flow";
    static final String SESSION_COOKIE = "__Host-mwaa-login-session";
    static final Duration FLOW_LENGTH = Duration.ofMinutes(10);
    /** A provider's answers to {@code prompt=none} that mean "sign in again, with a prompt" (Core 1.0, 3.1.2.6). */
    static final Set<String> PROMPT_NEEDED = Set.of("login_required", "interaction_required", "consent_required",
            "account_selection_required");

    private static final Pattern EXECUTE_API = Pattern.compile(
            "[a-z0-9]{10}\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9._~+/=-]{1,16384})");

    private final Set<String> allowedEnvironments;
    private final String region;
    private final TokenIdentity identity;
    private final SignInSecrets secrets;
    private final Function<String, OidcProvider> providers;
    private final Clock clock;
    private Keys keys;

    /**
     * @param allowedEnvironments where a sign-in may lead back to
     * @param region              the function's Region, which its own execute-api domain names
     * @param identity            who a verified token names, as in every mode that reads tokens
     * @param providers           makes the provider of an issuer; called again only when the issuer changes
     */
    public BrowserSignIn(Set<String> allowedEnvironments, String region, TokenIdentity identity, SignInSecrets secrets,
                  Function<String, OidcProvider> providers, Clock clock) {
        this.allowedEnvironments = Set.copyOf(allowedEnvironments);
        this.region = region;
        this.identity = identity;
        this.secrets = secrets;
        this.providers = providers;
        this.clock = clock;
    }

    /** Everything built from the current settings and secrets; rebuilt when they change. */
    private record Keys(SignInSecrets.Values values, OidcProvider provider, String clientId, CookieSeal flow,
                        CookieSeal session, IdTokenVerifier verifier, TokenExchange exchange) {
    }

    private synchronized Keys keys(Deadline deadline) {
        SignInSecrets.Values values = secrets.get(deadline);
        if (keys == null || keys.values() != values) {
            String clientId = values.clientId();
            OidcProvider provider = keys != null && keys.provider().issuer().equals(values.issuer())
                    ? keys.provider() : providers.apply(values.issuer());
            keys = new Keys(values, provider, clientId,
                    CookieSeal.create("flow", values.sessionKeys(), clock),
                    CookieSeal.create("session", values.sessionKeys(), clock),
                    new IdTokenVerifier(provider, clientId),
                    values.clientSecret().map(secret -> TokenExchange.withClientSecret(provider, clientId, secret))
                            .orElseGet(() -> TokenExchange.forPublicClient(provider, clientId)));
        }
        return keys;
    }

    /**
     * Someone signed in: who, whether their session must be renewed with the provider before it signs them in again,
     * and when it ends whatever the provider says.
     */
    public record SignedIn(Caller caller, boolean recheckDue, Instant until) {
    }

    /**
     * Who is calling: a bearer token from the provider (scripts), else this browser's session; empty for neither.
     *
     * @throws Failed a bearer token that does not verify ({@code INVALID_TOKEN}), or names no one the
     *                configuration trusts
     */
    public Optional<SignedIn> signedIn(LoginRequest request, Deadline deadline) {
        if (request.authorization() != null) {
            var bearer = BEARER.matcher(request.authorization().trim());
            if (!bearer.matches()) {
                throw Failed.refused(Reason.INVALID_TOKEN, "NotABearerToken");
            }
            Keys current = keys(deadline);
            VerifiedClaims claims;
            try {
                claims = current.verifier().verifyBearerToken(bearer.group(1), oidc(deadline));
            } catch (TokenRejected rejected) {
                throw Failed.refused(Reason.INVALID_TOKEN, rejected.reason());
            } catch (OidcException failed) {
                throw refusal(failed);
            }
            return Optional.of(new SignedIn(identity.caller(claims.claims(), Caller.Source.BEARER_TOKEN), false,
                    claims.expiresAt()));
        }
        Optional<String> cookie = Cookies.value(request.cookies(), SESSION_COOKIE);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Keys current = keys(deadline);
        return current.session().open(cookie.get()).flatMap(session -> fromSession(session,
                current.values().sessionRecheck()));
    }

    /**
     * Where the browser goes next, and the cookies to set with it.
     *
     * @param location the provider's page; null only after {@link #logout} when the provider has no sign-out page
     *                 of its own (the function's signed-out page then)
     */
    public record Redirect(String location, List<String> cookies) implements Callback {
        public Redirect {
            cookies = List.copyOf(cookies);
        }
    }

    /** Sends the browser to the provider to sign in, then back to {@code environment}'s login. */
    public Redirect start(String environment, LoginRequest request, Deadline deadline) {
        return start(environment, request, deadline, null, List.of());
    }

    /**
     * Sends the browser to the provider, then back to {@code environment}'s login: to sign in, or, for a session
     * whose recheck is due, to renew it without a prompt.
     *
     * @param due  the session to renew, or null to sign in
     * @param also cookies to set besides the flow's
     */
    public Redirect start(String environment, LoginRequest request, Deadline deadline, SignedIn due, List<String> also) {
        Keys current = keys(deadline);
        ProviderMetadata metadata = metadata(current, deadline);
        AuthorizationRequest authorization = AuthorizationRequest.create(metadata.authorizationEndpoint(),
                current.clientId(), callback(current, request), current.values().scopes(), due != null);
        Map<String, String> flow = new HashMap<>(8);
        flow.put("state", authorization.state());
        flow.put("nonce", authorization.nonce());
        flow.put("verifier", authorization.codeVerifier());
        flow.put("environment", environment);
        if (due != null) {
            flow.put("until", Long.toString(due.until().getEpochSecond()));
        }
        String sealed = current.flow().seal(flow, clock.instant().plus(FLOW_LENGTH));
        List<String> cookies = new ArrayList<>(also);
        cookies.add(Cookies.set(FLOW_COOKIE, sealed, FLOW_LENGTH));
        return new Redirect(authorization.uri().toString(), cookies);
    }

    /** What the provider's answer at the callback came to: a sign-in, or (a session ended) a sign-in to start. */
    public sealed interface Callback permits Completion, Redirect {
    }

    /** A finished sign-in: who it is, where they were going, and the cookies to set. */
    public record Completion(Caller caller, String environment, List<String> cookies) implements Callback {
    }

    /**
     * Finishes a sign-in the provider sent back: the flow cookie must be there and its {@code state} match before
     * anything else is read (so no one else's link can end a session), the code must exchange, the ID token verify
     * with the flow's nonce and name someone {@link TokenIdentity} trusts.
     *
     * @throws Failed whatever part failed, a refusal or the provider's failure; once {@code state} matched, with
     *                the session cleared
     */
    public Callback complete(LoginRequest request, Deadline deadline) {
        Keys current = keys(deadline);
        Map<String, String> flow = Cookies.value(request.cookies(), FLOW_COOKIE).flatMap(current.flow()::open)
                .orElseThrow(() -> Failed.refused(Reason.SIGN_IN_FAILED, "NoFlowCookie"));
        String state = request.query().get("state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                flow.get("state").getBytes(StandardCharsets.UTF_8))) {
            throw Failed.refused(Reason.SIGN_IN_FAILED, "StateMismatch");
        }
        List<String> ended = List.of(Cookies.clear(SESSION_COOKIE), Cookies.clear(FLOW_COOKIE));
        String environment = flow.get("environment");
        if (environment == null || !allowedEnvironments.contains(environment) && !environment.equals(HOME)) {
            throw refused(Reason.SIGN_IN_FAILED, "NoEnvironment", ended);
        }
        Instant until = until(flow.get("until"));
        String error = request.query().get("error");
        if (error != null) {
            if (until != null && PROMPT_NEEDED.contains(error)) {
                return start(environment, request, deadline, null, List.of(Cookies.clear(SESSION_COOKIE)));
            }
            throw refused(Reason.SIGN_IN_DENIED, "Provider:" + (error.matches("[a-z_]{1,40}") ? error : "other"),
                    ended);
        }
        String code = request.query().get("code");
        if (code == null || code.isEmpty()) {
            throw refused(Reason.SIGN_IN_FAILED, "NoCode", ended);
        }
        VerifiedClaims claims;
        String idToken;
        try {
            idToken = current.exchange().exchange(code, callback(current, request), flow.get("verifier"),
                    oidc(deadline));
            claims = current.verifier().verifyIdToken(idToken, flow.get("nonce"), oidc(deadline));
        } catch (TokenRejected | CodeRejected rejected) {
            throw refused(Reason.SIGN_IN_FAILED, rejected.reason(), ended);
        } catch (OidcException failed) {
            throw refusal(failed);
        }
        Caller caller;
        try {
            caller = identity.caller(claims.claims(), Caller.Source.SESSION);
        } catch (Failed refused) {
            throw new Failed(refused.failure(), ended);
        }
        Instant now = clock.instant();
        Instant expires = until != null ? until : now.plus(current.values().sessionLength());
        String session = seal(current, caller, idToken, now, expires);
        return new Completion(caller, environment, List.of(Cookies.set(SESSION_COOKIE, session,
                Duration.between(now, expires).isNegative() ? Duration.ZERO : Duration.between(now, expires)),
                Cookies.clear(FLOW_COOKIE)));
    }

    /**
     * The session: the person, the groups (one per line: {@link TokenIdentity} keeps no group with a control
     * character), when the provider last vouched for them and until when the session lasts, and the ID token for
     * the provider's sign-out, left out when the cookie could not hold it.
     */
    private String seal(Keys current, Caller caller, String idToken, Instant now, Instant expires) {
        Map<String, String> session = new HashMap<>(8);
        session.put("person", caller.person());
        session.put("groups", String.join("\n", caller.groups()));
        session.put("checked", Long.toString(now.getEpochSecond()));
        session.put("until", Long.toString(expires.getEpochSecond()));
        session.put("idToken", idToken);
        try {
            return current.session().seal(session, expires);
        } catch (IllegalArgumentException tooLarge) {
            session.remove("idToken");
        }
        try {
            return current.session().seal(session, expires);
        } catch (IllegalArgumentException tooLarge) {
            throw refused(Reason.TOO_MANY_GROUPS, "SessionTooLarge", List.of(Cookies.clear(SESSION_COOKIE),
                    Cookies.clear(FLOW_COOKIE)));
        }
    }

    /** Epoch seconds this function sealed, or null. */
    private static Instant until(String epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException | java.time.DateTimeException sealedByUs) {
            return null;
        }
    }

    /** Drops this browser's session, then signs out at the provider where it can; else a page that says so. */
    public Redirect logout(LoginRequest request, Deadline deadline) {
        List<String> cookies = List.of(Cookies.clear(SESSION_COOKIE), Cookies.clear(FLOW_COOKIE));
        Keys current = keys(deadline);
        String idTokenHint = Cookies.value(request.cookies(), SESSION_COOKIE).flatMap(current.session()::open)
                .map(session -> session.get("idToken")).orElse(null);
        Optional<URI> providerLogout = EndSession.logoutUri(metadata(current, deadline), current.clientId(),
                URI.create(baseUrl(current, request) + "/login"), current.values().cognitoDomain().orElse(null),
                idTokenHint);
        return new Redirect(providerLogout.map(URI::toString).orElse(null), cookies);
    }

    private static ProviderMetadata metadata(Keys current, Deadline deadline) {
        try {
            return current.provider().metadata(oidc(deadline));
        } catch (OidcException failed) {
            throw refusal(failed);
        }
    }

    /** The callback URL: the configured public URL, else the API's own execute-api domain as API Gateway names it. */
    private URI callback(Keys current, LoginRequest request) {
        return URI.create(baseUrl(current, request) + CALLBACK);
    }

    private String baseUrl(Keys current, LoginRequest request) {
        if (current.values().publicBaseUrl().isPresent()) {
            return current.values().publicBaseUrl().get();
        }
        String domain = request.gateway().domainName();
        String apiId = request.gateway().apiId();
        if (domain == null || apiId == null || !EXECUTE_API.matcher(domain).matches()
                || !domain.startsWith(apiId + ".execute-api." + region + ".")) {
            throw Failed.refused(Reason.SIGN_IN_MISCONFIGURED, "UnknownDomain");
        }
        return "https://" + domain;
    }

    /**
     * The session's person and groups, due for a recheck once the provider last vouched for them longer ago than
     * {@code recheck}; none for a cookie without those times (sealed before sessions were rechecked).
     */
    private Optional<SignedIn> fromSession(Map<String, String> session, Duration recheck) {
        Instant checked = until(session.get("checked"));
        Instant until = until(session.get("until"));
        if (checked == null || until == null || session.get("person") == null) {
            return Optional.empty();
        }
        String groups = session.getOrDefault("groups", "");
        Caller caller = new Caller(session.get("person"), groups.isEmpty() ? List.of()
                : Arrays.asList(groups.split("\n")), Caller.Source.SESSION);
        return Optional.of(new SignedIn(caller, !clock.instant().isBefore(checked.plus(recheck)), until));
    }

    private static Failed refused(Reason reason, String cause, List<String> cookies) {
        return new Failed(new Failure.Refused(reason, cause), cookies);
    }

    /** The provider could not be reached in time, or gave an answer that could not be used. */
    private static Failed refusal(OidcException failed) {
        Kind kind = !(failed instanceof ProviderUnreachable unreachable) ? Kind.BAD_ANSWER
                : unreachable.timedOut() ? Kind.TIMEOUT : Kind.UNREACHABLE;
        return new Failed(new Failure.UpstreamFailed(Service.PROVIDER, kind, failed.reason(), null));
    }

    /** The provider's calls share the request's deadline. */
    private static ProviderDeadline oidc(Deadline deadline) {
        return ProviderDeadline.after(deadline.remainingForACall(Service.PROVIDER));
    }
}

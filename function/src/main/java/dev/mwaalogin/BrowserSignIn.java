package dev.mwaalogin;

import dev.mwaalogin.internal.Cookies;
import dev.mwaalogin.oidc.AuthorizationRequest;
import dev.mwaalogin.oidc.CodeRejected;
import dev.mwaalogin.oidc.CookieSeal;
import dev.mwaalogin.oidc.EndSession;
import dev.mwaalogin.oidc.IdTokenVerifier;
import dev.mwaalogin.oidc.OidcException;
import dev.mwaalogin.oidc.OidcProvider;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Browser sign-in with OpenID Connect, done by the function behind API Gateway with no authorizer there: the
 * authorization code flow with PKCE, {@code state} and {@code nonce}, and a session of its own in an encrypted
 * cookie. Knows the provider and the cookies; what a signed-in person may do is {@link LoginService}'s decision.
 *
 * <ul>
 *   <li>{@code GET /login[/{environment}]} with neither session nor bearer token: {@link #start}, a 302 to the
 *       provider, the flow's secrets in a sealed cookie that lasts {@link #FLOW_LENGTH};</li>
 *   <li>{@code GET /oauth2/callback}: {@link #complete}, the code exchanged and the ID token verified, a session
 *       cookie set, and the login it started continued;</li>
 *   <li>{@code GET /logout}: {@link #logout}, the session dropped and the provider's own sign-out next;</li>
 *   <li>a session cookie or an {@code Authorization: Bearer} token from the same provider: {@link #caller}.</li>
 * </ul>
 * The page to come back to is never a URL from the request: the flow cookie names an allowed environment only.
 */
final class BrowserSignIn {

    static final String CALLBACK = "/oauth2/callback";
    static final String LOGOUT = "/logout";
    static final String FLOW_COOKIE = "__Host-mwaa-login-flow";
    static final String SESSION_COOKIE = "__Host-mwaa-login-session";
    static final Duration FLOW_LENGTH = Duration.ofMinutes(10);
    /** Bounds the session cookie: only this many groups, each this long, are kept. */
    static final int MAX_GROUPS = 100;
    static final int MAX_GROUP_LENGTH = 256;

    private static final Pattern EXECUTE_API = Pattern.compile(
            "[a-z0-9]{10}\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9._~+/=-]{1,16384})");

    private final Config config;
    private final SignInSecrets secrets;
    private final Function<String, OidcProvider> providers;
    private final Clock clock;
    private Keys keys;

    /** @param providers makes the provider of an issuer; called again only when the issuer changes */
    BrowserSignIn(Config config, SignInSecrets secrets, Function<String, OidcProvider> providers, Clock clock) {
        this.config = config;
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
     * Who is calling: a bearer token from the provider (scripts), else this browser's session; empty for neither.
     *
     * @throws SignInRefused a bearer token that does not verify (401)
     */
    Optional<Caller> caller(LoginRequest request, Deadline deadline) {
        if (request.authorization() != null) {
            var bearer = BEARER.matcher(request.authorization().trim());
            if (!bearer.matches()) {
                throw new SignInRefused(Problem.INVALID_TOKEN, "NotABearerToken");
            }
            Keys current = keys(deadline);
            try {
                VerifiedClaims claims = current.verifier().verifyBearerToken(bearer.group(1), oidc(deadline));
                return Optional.of(caller(claims, Caller.Source.BEARER_TOKEN));
            } catch (TokenRejected rejected) {
                throw new SignInRefused(Problem.INVALID_TOKEN, rejected.reason());
            } catch (OidcException failed) {
                throw refusal(failed);
            }
        }
        Optional<String> cookie = Cookies.value(request.cookies(), SESSION_COOKIE);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        return keys(deadline).session().open(cookie.get()).map(BrowserSignIn::fromSession);
    }

    /** Sends the browser to the provider to sign in, then back to {@code environment}'s login. */
    LoginResponse start(String environment, LoginRequest request, Deadline deadline) {
        Keys current = keys(deadline);
        ProviderMetadata metadata = metadata(current, deadline);
        AuthorizationRequest authorization = AuthorizationRequest.create(metadata.authorizationEndpoint(),
                current.clientId(), callback(current, request), current.values().scopes());
        String flow = current.flow().seal(Map.of("state", authorization.state(), "nonce", authorization.nonce(),
                "verifier", authorization.codeVerifier(), "environment", environment),
                clock.instant().plus(FLOW_LENGTH));
        return Responses.redirect(authorization.uri().toString(), List.of(Cookies.set(FLOW_COOKIE, flow,
                FLOW_LENGTH)));
    }

    /** A finished sign-in: who it is, where they were going, and the cookies to set. */
    record Completion(Caller caller, String environment, List<String> cookies) {
    }

    /**
     * Finishes a sign-in the provider sent back: the flow cookie must be there and its {@code state} match, the code
     * must exchange, the ID token verify with the flow's nonce.
     *
     * @throws SignInRefused whatever part failed, as a 4xx or, for the provider, a 5xx
     */
    Completion complete(LoginRequest request, Deadline deadline) {
        Keys current = keys(deadline);
        Map<String, String> flow = Cookies.value(request.cookies(), FLOW_COOKIE).flatMap(current.flow()::open)
                .orElseThrow(() -> new SignInRefused(Problem.SIGN_IN_FAILED, "NoFlowCookie"));
        String error = request.query().get("error");
        if (error != null) {
            throw new SignInRefused(Problem.SIGN_IN_DENIED, "Provider:" + (error.matches("[a-z_]{1,40}") ? error
                    : "other"));
        }
        String state = request.query().get("state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                flow.get("state").getBytes(StandardCharsets.UTF_8))) {
            throw new SignInRefused(Problem.SIGN_IN_FAILED, "StateMismatch");
        }
        String code = request.query().get("code");
        if (code == null || code.isEmpty()) {
            throw new SignInRefused(Problem.SIGN_IN_FAILED, "NoCode");
        }
        String environment = flow.get("environment");
        if (environment == null || !config.allowedEnvironments().contains(environment)) {
            throw new SignInRefused(Problem.SIGN_IN_FAILED, "NoEnvironment");
        }
        VerifiedClaims claims;
        try {
            String idToken = current.exchange().exchange(code, callback(current, request), flow.get("verifier"),
                    oidc(deadline));
            claims = current.verifier().verifyIdToken(idToken, flow.get("nonce"), oidc(deadline));
        } catch (TokenRejected | CodeRejected rejected) {
            throw new SignInRefused(Problem.SIGN_IN_FAILED, rejected.reason());
        } catch (OidcException failed) {
            throw refusal(failed);
        }
        Caller caller = caller(claims, Caller.Source.SESSION);
        List<String> groups = caller.groups().size() > MAX_GROUPS ? caller.groups().subList(0, MAX_GROUPS)
                : caller.groups();
        String session;
        try {
            session = current.session().seal(Map.of("person", caller.person(), "groups", String.join("\n", groups)),
                    clock.instant().plus(current.values().sessionLength()));
        } catch (IllegalArgumentException tooLarge) {
            throw new SignInRefused(Problem.SIGN_IN_FAILED, "SessionTooLarge");
        }
        return new Completion(caller, environment, List.of(Cookies.set(SESSION_COOKIE, session,
                current.values().sessionLength()), Cookies.clear(FLOW_COOKIE)));
    }

    /** Drops this browser's session, then signs out at the provider where it can; else a page that says so. */
    LoginResponse logout(LoginRequest request, Deadline deadline) {
        List<String> cookies = List.of(Cookies.clear(SESSION_COOKIE), Cookies.clear(FLOW_COOKIE));
        Keys current = keys(deadline);
        Optional<URI> providerLogout = EndSession.logoutUri(metadata(current, deadline), current.clientId(),
                URI.create(baseUrl(current, request) + "/login"), current.values().cognitoDomain().orElse(null));
        return providerLogout.map(uri -> Responses.redirect(uri.toString(), cookies))
                .orElseGet(() -> Responses.signedOut(cookies));
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
                || !domain.startsWith(apiId + ".execute-api." + config.region() + ".")) {
            throw new SignInRefused(Problem.SIGN_IN_MISCONFIGURED, "UnknownDomain");
        }
        return "https://" + domain;
    }

    private Caller caller(VerifiedClaims claims, Caller.Source source) {
        IdentitySettings identity = config.identity();
        String person = identity.personClaims().stream().map(claims::string).flatMap(Optional::stream)
                .filter(value -> !value.isBlank() && value.length() <= Callers.MAX_PERSON_LENGTH).findFirst()
                .orElseThrow(() -> new SignInRefused(Problem.NO_IDENTITY, "NoPersonClaim"));
        List<String> groups = List.of();
        for (String name : identity.groupClaims()) {
            Object value = claims.claims().get(name);
            if (value instanceof List) {
                groups = claims.strings(name);
                break;
            }
            if (value instanceof String) {
                groups = Callers.groups((String) value);
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (String group : groups) {
            if (!group.isEmpty() && group.length() <= MAX_GROUP_LENGTH && group.chars().noneMatch(c -> c < 0x20)) {
                kept.add(group);
            }
        }
        return new Caller(person, kept, source);
    }

    private static Caller fromSession(Map<String, String> session) {
        String person = session.get("person");
        String groups = session.getOrDefault("groups", "");
        return new Caller(person, groups.isEmpty() ? List.of() : Arrays.asList(groups.split("\n")),
                Caller.Source.SESSION);
    }

    private static SignInRefused refusal(OidcException failed) {
        if (failed instanceof ProviderUnreachable && ((ProviderUnreachable) failed).timedOut()) {
            return new SignInRefused(Problem.PROVIDER_TIMEOUT, failed.reason());
        }
        return new SignInRefused(Problem.PROVIDER_FAILED, failed.reason());
    }

    private static dev.mwaalogin.oidc.Deadline oidc(Deadline deadline) {
        return dev.mwaalogin.oidc.Deadline.after(deadline.remaining());
    }
}

package dev.mwaalogin.priming;

import dev.mwaalogin.oidc.OidcHttp;
import dev.mwaalogin.oidc.ProviderDeadline;
import java.net.URI;

/**
 * An identity provider that exists only in memory, for priming browser sign-in: discovery, keys and a token endpoint
 * answered from resources ({@code provider/}), so that a snapshot or a cache holds the sign-in's classes (JOSE
 * parsing, RSA verification, AES-GCM cookies) warm, and nothing real. Its ID token was signed once, offline, with a
 * key that was then thrown away; only the public half is here. Its issuer is under {@code .invalid}, which no network
 * call could ever reach.
 */
final class CannedProvider implements OidcHttp {

    /** Not a secret: it seals nothing but priming's own cookies, which never leave memory. */
    static final String SESSION_KEY = "priming-session-key-not-a-secret-0123456789abcdef0123456789abcdef";
    /** The flow priming's callback completes; the ID token carries the nonce. */
    static final String STATE = "priming-state";
    static final String NONCE = "priming-nonce";
    static final String CODE_VERIFIER = "priming-code-verifier-priming-code-verifier-0123456789";

    private final String discovery = Priming.resource("provider/openid-configuration.json");
    private final String keys = Priming.resource("provider/jwks.json");
    private final String token = Priming.resource("provider/token.json").replace("{id-token}", idToken());

    /**
     * A new one, typed as the interface: a caller's bytecode then names only {@code OidcHttp}, so verifying it loads
     * neither class, and a function with browser sign-in off loads no sign-in class for priming's sake.
     */
    static OidcHttp create() {
        return new CannedProvider();
    }

    /**
     * aud priming, sub priming, nonce priming-nonce, cognito:groups [priming], email priming@priming.invalid with
     * email_verified true, exp 2100-01-01.
     */
    static String idToken() {
        return Priming.resource("provider/id-token.txt").strip();
    }

    @Override
    public Answer get(URI uri, ProviderDeadline deadline) {
        return new Answer(200, uri.getPath().endsWith("/jwks") ? keys : discovery);
    }

    @Override
    public Answer postForm(URI uri, String form, String authorization, ProviderDeadline deadline) {
        return new Answer(200, token);
    }
}

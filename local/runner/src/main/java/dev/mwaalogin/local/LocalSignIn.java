package dev.mwaalogin.local;

import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.emulator.TokenLedger;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How people sign in to a local API ({@code local start-api --auth oidc|none}).
 *
 * <ul>
 *   <li>{@code oidc} (start-api's default): the function does browser sign-in itself ({@code AUTH_MODE=OIDC})
 *       against a {@link LocalProvider} started here, with a session key made now and kept, as in AWS, in Secrets
 *       Manager (the emulator's). The person is the user name typed at the provider ({@code IDENTITY_CLAIM=sub},
 *       unless set); people are mapped to Airflow roles by their groups ({@code ROLE_MAPPING}) and sign in at the
 *       template's {@code /login}, {@code /oauth2/callback} and {@code /logout} routes.</li>
 *   <li>{@code none}: no sign-in and no mapping ({@code ROLE_MAPPING} and {@code AIRFLOW_ROLE_ARNS} dropped), so
 *       everyone shares the function's identity and plain {@code curl} gets a login, as before browser sign-in.</li>
 *   <li>not given (local invoke, tests that bring their own events): the environment as the template and env.json
 *       say.</li>
 * </ul>
 */
final class LocalSignIn implements AutoCloseable {

    /** The emulator's secret holding the sign-in's session key. */
    static final String SECRET_NAME = "mwaa-login/local-sign-in";

    enum Mode { OIDC, NONE, AS_CONFIGURED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mode mode;
    private final int providerPort;
    private final String sessionKey;
    private LocalProvider provider;

    private LocalSignIn(Mode mode, int providerPort) {
        this.mode = mode;
        this.providerPort = providerPort;
        this.sessionKey = mode == Mode.OIDC ? newSessionKey() : null;
    }

    /**
     * @param auth         {@code --auth}: {@code oidc}, {@code none}, or null for the environment as configured
     * @param providerPort {@code --provider-port}; 0 picks a free one
     * @param real         whether AWS is real ({@code --real}), where this sign-in has nowhere to keep its key
     */
    static LocalSignIn of(String auth, int providerPort, boolean real) {
        Mode mode = auth == null ? Mode.AS_CONFIGURED : switch (auth.toLowerCase(Locale.ROOT)) {
            case "oidc" -> Mode.OIDC;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException("--auth must be oidc or none, not " + auth);
        };
        if (mode == Mode.OIDC && real) {
            throw new IllegalArgumentException("--auth oidc keeps its session key in the emulator's Secrets Manager; "
                    + "with --real use --auth none");
        }
        return new LocalSignIn(mode, providerPort);
    }

    Mode mode() {
        return mode;
    }

    /** Registers the sign-in secret with the emulator about to be built. */
    void register(MwaaEmulator.Builder emulator) {
        if (mode == Mode.OIDC) {
            emulator.secret(SECRET_NAME, "{\"sessionKey\":\"" + sessionKey + "\"}");
            // The emulator records the secret's whole value; the key alone must be found in a log too.
            TokenLedger.configured().record(sessionKey);
        }
    }

    /**
     * Sets the function's environment for this sign-in and, for {@code oidc}, starts the provider.
     *
     * @param emulator the started emulator, or null with real AWS
     */
    void configure(Map<String, String> environment, MwaaEmulator emulator) {
        if (mode == Mode.NONE) {
            environment.remove("ROLE_MAPPING");
            environment.remove("AIRFLOW_ROLE_ARNS");
        } else if (mode == Mode.OIDC) {
            provider = LocalProvider.start(providerPort);
            environment.put("AUTH_MODE", "OIDC");
            // The provider's login page makes the typed user name the token's sub, and adds an e-mail address only
            // if the claims typed name one: the person is the user name, unless the environment names a claim.
            environment.putIfAbsent("IDENTITY_CLAIM", LocalProvider.PERSON_CLAIM);
            environment.put("OIDC_ISSUER", provider.issuer());
            environment.put("OIDC_CLIENT_ID", LocalProvider.CLIENT_ID);
            environment.put("SIGN_IN_SECRET", emulator.secretArn(SECRET_NAME));
        }
    }

    /** Where the browser reaches the API, which the provider sends it back to; only {@code oidc} needs it. */
    void publicBaseUrl(Map<String, String> environment, String url) {
        if (mode == Mode.OIDC) {
            environment.put("PUBLIC_BASE_URL", url);
        }
    }

    /** What a person starting the API should know about signing in: a few lines for the console. */
    List<String> describe(Map<String, String> environment, String apiUrl) {
        if (mode == Mode.NONE) {
            return List.of("No sign-in (--auth none): everyone gets the function's own identity, e.g. curl -s '"
                    + apiUrl + "/login?format=json'");
        }
        if (mode != Mode.OIDC) {
            return List.of();
        }
        return List.of("OpenID provider (mock-oauth2-server) at " + provider.issuer() + ", client id "
                + LocalProvider.CLIENT_ID, "At the provider's login page type a user name and, for a role, claims "
                + "such as " + exampleClaims(environment.get("ROLE_MAPPING")) + " (ROLE_MAPPING: "
                + environment.getOrDefault("ROLE_MAPPING", "") + ")");
    }

    /** Claims that the mapping gives a role to: its first group without wildcards, as the login page takes them. */
    static String exampleClaims(String roleMapping) {
        if (roleMapping != null) {
            for (String rule : roleMapping.split(";")) {
                int equals = rule.indexOf('=');
                String group = equals < 0 ? "" : rule.substring(0, equals).trim();
                if (!group.isEmpty() && group.matches("[A-Za-z0-9 _.@+-]+")) {
                    return "{\"groups\":[\"" + group + "\"]}";
                }
            }
        }
        return "{\"groups\":[\"<a group ROLE_MAPPING names>\"]}";
    }

    /** The provider, for {@code oidc} once configured; else null. */
    LocalProvider provider() {
        return provider;
    }

    /** The session key, for tests that must seal a cookie as the function would; null unless {@code oidc}. */
    String sessionKey() {
        return sessionKey;
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.close();
        }
    }

    /** 64 characters from 48 random bytes: what the template's generated secret holds. */
    private static String newSessionKey() {
        byte[] key = new byte[48];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}

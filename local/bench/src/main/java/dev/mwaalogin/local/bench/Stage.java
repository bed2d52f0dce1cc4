package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.LocalProvider;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What every row runs against, started once: the MWAA emulator (which also plays STS and Secrets Manager) and, for
 * the sign-in rows, a real OpenID provider (mock-oauth2-server, {@link LocalProvider}); and the function's variables
 * in each configuration measured:
 * <ul>
 *   <li>{@link #shared()}: today's default, everyone signs in with the function's own identity;</li>
 *   <li>{@link #mapped()}: per-person identity, {@code ROLE_MAPPING} and {@code AIRFLOW_ROLE_ARNS} set, so each
 *       login assumes the person's role with STS first;</li>
 *   <li>{@link #signIn()}: the mapping and browser sign-in by the function itself against the provider.</li>
 * </ul>
 */
final class Stage implements AutoCloseable {

    /** events/http-redirect.json's IAM caller is {@code assumed-role/AirflowLogin/...}; sign-in's people are admins. */
    static final String ROLE_MAPPING = "airflow-admins=Admin;AirflowLogin=Viewer";
    static final String ADMIN_ROLE_ARN = "arn:aws:iam::123456789012:role/mwaa-login/Admin-bench";
    static final String VIEWER_ROLE_ARN = "arn:aws:iam::123456789012:role/mwaa-login/Viewer-bench";
    static final String ROLE_ARNS = "Admin=" + ADMIN_ROLE_ARN + ";Viewer=" + VIEWER_ROLE_ARN;
    /** Where the sign-in function believes it is served: only ever read, never connected to. */
    static final String PUBLIC_BASE_URL = "http://127.0.0.1:3000";
    static final String ADMINS_GROUP = "airflow-admins";

    private static final String SECRET_NAME = "mwaa-login/bench-sign-in";

    private final MwaaEmulator emulator;
    private final LocalProvider provider;
    private final Template.Function function;

    private Stage(MwaaEmulator emulator, LocalProvider provider, Template.Function function) {
        this.emulator = emulator;
        this.provider = provider;
        this.function = function;
    }

    /** @param withProvider whether to start the OpenID provider too (a few seconds; only the sign-in rows use it) */
    static Stage start(Template.Function function, boolean withProvider) {
        MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").requestLog(null)
                .iamRole(ADMIN_ROLE_ARN, "Admin", "demo").iamRole(VIEWER_ROLE_ARN, "Viewer", "demo")
                .secret(SECRET_NAME, "{\"sessionKey\":\"" + newSessionKey() + "\"}")
                .build().start();
        try {
            return new Stage(emulator, withProvider ? LocalProvider.start(0) : null, function);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    MwaaEmulator emulator() {
        return emulator;
    }

    /** The provider; null unless started with it. */
    LocalProvider provider() {
        return provider;
    }

    Map<String, String> shared() {
        return ColdPaths.functionEnvironment(function, emulator);
    }

    Map<String, String> mapped() {
        Map<String, String> env = shared();
        env.put("ROLE_MAPPING", ROLE_MAPPING);
        env.put("AIRFLOW_ROLE_ARNS", ROLE_ARNS);
        env.put("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());
        return env;
    }

    /** @throws IllegalStateException when the stage runs no provider */
    Map<String, String> signIn() {
        if (provider == null) {
            throw new IllegalStateException("the stage was started without the OpenID provider");
        }
        Map<String, String> env = mapped();
        env.put("OIDC_ISSUER", provider.issuer());
        env.put("OIDC_CLIENT_ID", LocalProvider.CLIENT_ID);
        // As local/run start-api: the person is the user name typed at the provider, which it issues as `sub`.
        env.put("IDENTITY_CLAIM", LocalProvider.PERSON_CLAIM);
        env.put("SIGN_IN_SECRET", emulator.secretArn(SECRET_NAME));
        env.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
        // The SDKs' name for Secrets Manager's variable: its service id "Secrets Manager", spaces to underscores.
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", emulator.endpoint().toString());
        return env;
    }

    @Override
    public void close() {
        try {
            if (provider != null) {
                provider.close();
            }
        } finally {
            emulator.close();
        }
    }

    /** 64 characters from 48 random bytes, as the template's generated secret holds. */
    private static String newSessionKey() {
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}

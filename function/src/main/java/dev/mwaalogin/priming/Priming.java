package dev.mwaalogin.priming;

import dev.mwaalogin.Config;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.identity.AuthMode;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mwaalogin.oidc.CookieSeal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The request path run before it is needed: by SnapStart, once, just before Lambda takes the snapshot, and by the
 * container image's AOT training. It runs through a handler of the function's own flavour, over a service built the
 * production way ({@link LoginService#builder}) from the real configuration with a few overrides, over canned AWS
 * and provider answers and fake credentials: nothing real is called, resolved or kept, and nothing secret or unique
 * reaches a snapshot or a cache. {@link BeforeSnapshot} runs it for SnapStart, {@code AotTraining} for the image.
 *
 * <p>Everything it sends and every answer it gets are resources under {@code dev/mwaalogin/priming/}: the events of
 * each flavour, listed in {@code <flavour>/authorizer.events} (callers vouched for by API Gateway) and
 * {@code <flavour>/sign-in.events} (the function signs browsers in), and the canned answers. Warming another path is
 * another resource in a list.
 */
public final class Priming {

    /** The events of an HTTP API (payload format 2.0). */
    public static final String HTTP_API = "http-api";
    /** The events of a REST API (payload format 1.0). */
    public static final String REST_API = "rest-api";

    private static final String RESOURCES = "/dev/mwaalogin/priming/";

    private Priming() {
    }

    /**
     * Sends the flavour's events through a handler over the primed service, as Lambda would but without a context.
     *
     * @return the answers, in order
     */
    public static List<String> run(Map<String, String> environment, String flavour,
                                   Function<LoginService, RequestStreamHandler> handlers) throws IOException {
        Config config = config(environment);
        RequestStreamHandler handler = handlers.apply(service(config));
        List<String> answers = new ArrayList<>();
        for (String event : events(flavour, config)) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, null);
            answers.add(answer.toString(StandardCharsets.UTF_8));
        }
        return answers;
    }

    /** The service priming runs, for the function's variables. */
    public static LoginService service(Map<String, String> environment) {
        return service(config(environment));
    }

    private static LoginService service(Config config) {
        return LoginService.builder(config)
                .http(CannedHttpClient.primingAnswers())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGPRIMING00",
                        "priming-secret-not-a-real-key")))
                .providerHttp(CannedProvider.create())
                .metrics(line -> { })
                .build();
    }

    /**
     * The real configuration with priming's own callers and sign-in: they are named by a verified e-mail address
     * (whatever claim the real configuration trusts) from the {@code priming.invalid} domain the required claims
     * then name; where people sign in as themselves one rule gives every caller the highest Airflow role it has an
     * IAM role for, so that the per-person path (STS, then MWAA) runs whatever the real mapping says; its one call to
     * Airflow's REST API is allowed whatever {@code API_PATHS} says; and browser sign-in takes every setting from
     * priming's canned secret, so no variable can point it anywhere real.
     */
    static Config config(Map<String, String> environment) {
        Config real = Config.from(environment);
        Map<String, String> primed = new HashMap<>(environment);
        primed.put("IDENTITY_CLAIM", "");
        primed.put("GROUPS_CLAIM", "");
        primed.put("TRUSTED_SESSION_ROLES", "");
        // Whatever the real allow-list says, priming's one REST call (a list of DAGs) is allowed.
        primed.put("API_PATHS", "GET /dags");
        primed.put("REQUIRED_CLAIMS", real.identity().authMode() == AuthMode.AWS_IAM ? ""
                : "email_domain=priming.invalid");
        if (!real.identity().isShared()) {
            primed.put("ROLE_MAPPING", "*=" + real.identity().roleArns().keySet().iterator().next().name());
        }
        if (real.signIn().isPresent()) {
            primed.put("SIGN_IN_SECRET", "priming");
            for (String setting : List.of("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET_ARN", "OIDC_SCOPES",
                    "COGNITO_DOMAIN", "SESSION_HOURS", "SESSION_RECHECK_MINUTES", "PUBLIC_BASE_URL")) {
                primed.put(setting, "");
            }
        }
        return Config.from(primed);
    }

    /** The flavour's events for this configuration, placeholders filled in. */
    static List<String> events(String flavour, Config config) {
        String list = config.signIn().isPresent() ? "sign-in.events" : "authorizer.events";
        // The callback completes a flow this one cookie began, back to the default environment.
        String flow = CookieSeal.create("flow", List.of(CannedProvider.SESSION_KEY.getBytes(StandardCharsets.UTF_8)))
                .seal(Map.of("state", CannedProvider.STATE, "nonce", CannedProvider.NONCE, "verifier",
                        CannedProvider.CODE_VERIFIER, "environment", config.defaultEnvironment()),
                        Instant.now().plusSeconds(60));
        List<String> events = new ArrayList<>();
        for (String line : resource(flavour + "/" + list).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                events.add(resource(flavour + "/" + line.strip()).replace("{flow-cookie}", flow)
                        .replace("{id-token}", CannedProvider.idToken())
                        .replace("{default-environment}", config.defaultEnvironment()));
            }
        }
        return events;
    }

    /** One of priming's resources, as text. */
    static String resource(String name) {
        try (InputStream in = Priming.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("no priming resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

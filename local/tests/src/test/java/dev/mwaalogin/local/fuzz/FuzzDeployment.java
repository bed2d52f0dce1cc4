package dev.mwaalogin.local.fuzz;

import dev.mwaalogin.Config;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.lambda.HttpApiHandler;
import dev.mwaalogin.lambda.RestApiHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.mwaalogin.local.fuzz.FuzzEvent.Entry;
import dev.mwaalogin.local.fuzz.FuzzStandIns.FuzzContext;
import dev.mwaalogin.local.fuzz.FuzzStandIns.RecordingAws;
import dev.mwaalogin.lambda.ProxyEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One configuration of the function under fuzz: both entry classes over one service, the canned AWS it calls, and
 * where a login may lead.
 *
 * @param personal whether {@code ROLE_MAPPING} is set, so each person signs in as themselves
 */
record FuzzDeployment(String name, HttpApiHandler http, RestApiHandler rest, RecordingAws aws, String location,
                      boolean personal) {

    static final String BASE_URL = "https://airflow.example.com";
    static final String MWAA_LOCATION = "https://" + FuzzStandIns.HOST + "/aws_mwaa/aws-console-sso?login=true#"
            + FuzzStandIns.TOKEN;
    static final String BASE_LOCATION = BASE_URL + "/custom/sso?login=true#" + FuzzStandIns.TOKEN;
    static final Set<String> ALLOWED = Set.of("demo", "analytics");
    /** The function's own credentials: never in an answer or a log line. */
    static final String FUNCTION_SECRET = "fuzz-function-secret-key";

    static final String ROLE_ARN_PREFIX = "arn:aws:iam::123456789012:role/mwaa-login/";
    /** Deny by default: only these groups get a role; IAM users get Viewer by their "user/<name>" group. */
    static final String ROLE_MAPPING = "admins=Admin;data-*=User;AirflowLogin=Viewer;user/*=Viewer";

    static FuzzDeployment mwaaHostname() {
        return of("MWAA hostname", MWAA_LOCATION, false);
    }

    static FuzzDeployment baseUrl() {
        return of("AIRFLOW_BASE_URL", BASE_LOCATION, false, "AIRFLOW_BASE_URL", BASE_URL + "/",
                "AIRFLOW_LOGIN_PATH", "/custom/sso", "DEFAULT_RESPONSE", "json");
    }

    static FuzzDeployment roleMapping() {
        return of("ROLE_MAPPING", MWAA_LOCATION, true, "ROLE_MAPPING", ROLE_MAPPING, "AIRFLOW_ROLE_ARNS",
                "Admin=" + ROLE_ARN_PREFIX + "Admin-fuzz;User=" + ROLE_ARN_PREFIX + "User-fuzz;Viewer="
                        + ROLE_ARN_PREFIX + "Viewer-fuzz");
    }

    private static FuzzDeployment of(String name, String location, boolean personal, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics", "AIRFLOW_ROLE", "Viewer"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        RecordingAws aws = new RecordingAws();
        LoginService service = LoginService.builder(Config.from(env)).http(aws)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUZZ", FUNCTION_SECRET)))
                .metrics(line -> { }).build();
        return new FuzzDeployment(name, new HttpApiHandler(service), new RestApiHandler(service), aws, location,
                personal);
    }

    /** Sends the event's bytes through the entry's stream handler, as Lambda does. */
    ProxyAnswer send(Entry entry, byte[] bytes, FuzzContext context, String where) {
        RequestStreamHandler handler = entry == Entry.HTTP ? http : rest;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(bytes), output, context.lambda);
        } catch (Throwable escaped) {
            throw new AssertionError(where + ": an exception escaped the handler: " + escaped, escaped);
        }
        return ProxyAnswer.read(output.toByteArray(), where);
    }

    /** Hands the entry class the runtime's typed event, as its typed entry takes one, and writes the answer. */
    ProxyAnswer send(Entry entry, Object typedEvent, FuzzContext context, String where) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            if (entry == Entry.HTTP) {
                ProxyEvents.write(http.handle((APIGatewayV2HTTPEvent) typedEvent, context.lambda), output);
            } else {
                ProxyEvents.write(rest.handle((APIGatewayProxyRequestEvent) typedEvent, context.lambda), output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error escaped) {
            throw new AssertionError(where + ": an exception escaped the handler: " + escaped, escaped);
        }
        return ProxyAnswer.read(output.toByteArray(), where);
    }
}

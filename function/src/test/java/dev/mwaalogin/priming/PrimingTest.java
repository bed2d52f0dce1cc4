package dev.mwaalogin.priming;

import dev.mwaalogin.PersonalLoginTest;
import dev.mwaalogin.lambda.HttpApiHandler;
import dev.mwaalogin.lambda.RestApiHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming: what runs before the snapshot must be the whole request path, and touch nothing real. */
class PrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("MWAA_ENVIRONMENT_NAME", "demo",
            "AWS_REGION", "us-east-1");

    private static void assertPrimed(List<String> answers) {
        Object json = JsonReader.parse(answers.get(0));
        assertEquals("200", ((JsonReader.JsonNumber) JsonReader.object(json).get("statusCode")).text());
        String body = JsonReader.text(json, "body");
        // The in-memory answer: a fake host that cannot resolve and a value that is not a token.
        assertEquals("https://priming.invalid.airflow.on.aws/aws_mwaa/aws-console-sso?login=true#priming-not-a-token",
                JsonReader.text(JsonReader.parse(body), "url"));
        Object redirect = JsonReader.parse(answers.get(1));
        assertEquals("302", ((JsonReader.JsonNumber) JsonReader.object(redirect).get("statusCode")).text());
    }

    private static String status(String answer) {
        return ((JsonReader.JsonNumber) JsonReader.object(JsonReader.parse(answer)).get("statusCode")).text();
    }

    /** The home page and the REST call of an HTTP API's priming, after its two logins. */
    private static void assertHomeAndApi(List<String> answers, String apiStatus) {
        assertEquals(4, answers.size());
        assertEquals("200", status(answers.get(2)), "the home page");
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(2)), "body").contains("<html"), "as HTML");
        assertEquals(apiStatus, status(answers.get(3)), "the REST call");
    }

    @Test
    void httpApiPrimingRunsTheWholePathAgainstTheInMemoryAnswer() throws Exception {
        List<String> answers = Priming.run(ENVIRONMENT, Priming.HTTP_API, HttpApiHandler::new);
        assertPrimed(answers);
        // Everyone shares the function's identity here, so /api refuses before calling MWAA.
        assertHomeAndApi(answers, "403");
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(3)), "body").contains("ApiNeedsRoleMapping"));
    }

    @Test
    void restApiPrimingRunsTheWholePathAgainstTheInMemoryAnswer() throws Exception {
        List<String> answers = Priming.run(ENVIRONMENT, Priming.REST_API, RestApiHandler::new);
        assertEquals(2, answers.size());
        assertPrimed(answers);
    }

    @Test
    void withAMappingPrimingRunsThePersonalPathToo() throws Exception {
        // STS and MWAA both answer from memory: the snapshot holds the STS client's request path as well.
        List<String> answers = Priming.run(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin=" + PersonalLoginTest.ADMIN_ARN),
                Priming.HTTP_API, HttpApiHandler::new);
        assertPrimed(answers);
        String body = JsonReader.text(JsonReader.parse(answers.get(0)), "body");
        assertEquals("Admin", JsonReader.text(JsonReader.parse(body), "airflowRole"));
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
        // Airflow's REST API as the person: InvokeRestApi answers from memory with a made-up DAG.
        assertHomeAndApi(answers, "200");
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(3)), "body").contains("\"dag_id\":\"priming\""),
                JsonReader.text(JsonReader.parse(answers.get(3)), "body"));
    }

    @Test
    void everyAuthModePrimesItsOwnCallers() throws Exception {
        // Each mode reads only its own source; priming's callers carry every source, and the token modes' required
        // claims admit them (OIDC's lone '*' rule needs some).
        for (String mode : List.of("AWS_IAM", "JWT")) {
            List<String> answers = Priming.run(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                    "AUTH_MODE", mode, "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin="
                            + PersonalLoginTest.ADMIN_ARN), Priming.HTTP_API, HttpApiHandler::new);
            assertPrimed(answers);
            assertHomeAndApi(answers, "200");
        }
        List<String> oidc = Priming.run(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "AUTH_MODE", "OIDC", "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin="
                        + PersonalLoginTest.ADMIN_ARN, "SIGN_IN_SECRET", "real-secret"), Priming.HTTP_API,
                HttpApiHandler::new);
        assertEquals("200", status(oidc.get(4)), "the bearer token's login");
        assertEquals("200", status(oidc.get(6)), "the bearer token's REST call");
    }

    @Test
    void withBrowserSignInPrimingSignsAPersonInOverAnInMemoryProvider() throws Exception {
        // Whatever the real provider's settings say, priming talks to nothing but memory.
        List<String> answers = Priming.run(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin=" + PersonalLoginTest.ADMIN_ARN,
                "SIGN_IN_SECRET", "real-secret", "OIDC_ISSUER", "https://real-idp.example.com"), Priming.HTTP_API,
                HttpApiHandler::new);
        List<String> statuses = answers.stream().map(answer -> ((JsonReader.JsonNumber) JsonReader.object(
                JsonReader.parse(answer)).get("statusCode")).text()).toList();
        assertEquals(List.of("401", "302", "302", "302", "200", "200", "200"), statuses);
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(2)), "headers", "Location")
                .startsWith("https://priming.invalid/idp/authorize?"), "to the in-memory provider");
        assertEquals("https://priming.invalid.airflow.on.aws/aws_mwaa/aws-console-sso?login=true#priming-not-a-token",
                JsonReader.text(JsonReader.parse(answers.get(3)), "headers", "Location"), "signed in, into Airflow");
        String body = JsonReader.text(JsonReader.parse(answers.get(4)), "body");
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
    }

    @Test
    void primingBuildsFromTheFunctionsOwnVariablesAndRefusesWhatTheyRefuse() {
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> Priming.service(
                Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1", "MWAA_TIMEOUT_MS", "7")));
        assertTrue(invalid.getMessage().startsWith("MWAA_TIMEOUT_MS "), invalid.getMessage());
    }

    @Test
    void theHookRunsItsWarmUpBeforeTheCheckpointOnly() throws Exception {
        int[] built = {0};
        BeforeSnapshot.register(ENVIRONMENT, Priming.HTTP_API, service -> {
            built[0]++;
            return new HttpApiHandler(service);
        });
        assertEquals(0, built[0], "registering builds nothing");
    }
}

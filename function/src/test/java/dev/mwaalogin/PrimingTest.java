package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.internal.Priming;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SnapStart priming: what runs before the snapshot must be the whole request path, and touch nothing real. */
class PrimingTest {

    private static final Config CONFIG = Config.from(Map.of("MWAA_ENVIRONMENT_NAME", "demo",
            "AWS_REGION", "us-east-1"));

    private static void assertPrimed(List<String> answers) {
        assertEquals(2, answers.size());
        Object json = JsonReader.parse(answers.get(0));
        assertEquals("200", ((JsonReader.JsonNumber) JsonReader.object(json).get("statusCode")).text());
        String body = JsonReader.text(json, "body");
        // The in-memory answer: a fake host that cannot resolve and a value that is not a token.
        assertEquals("https://priming.invalid.airflow.on.aws/aws_mwaa/aws-console-sso?login=true#priming-not-a-token",
                JsonReader.text(JsonReader.parse(body), "url"));
        Object redirect = JsonReader.parse(answers.get(1));
        assertEquals("302", ((JsonReader.JsonNumber) JsonReader.object(redirect).get("statusCode")).text());
    }

    @Test
    void httpApiPrimingRunsTheWholePathAgainstTheInMemoryAnswer() throws Exception {
        // As the handler's init does it: the real service (its client is built, never called) makes the twin.
        assertPrimed(new HttpApiHandler(LoginService.create(CONFIG).forPriming()).prime());
    }

    @Test
    void restApiPrimingRunsTheWholePathAgainstTheInMemoryAnswer() throws Exception {
        assertPrimed(new RestApiHandler(LoginService.create(CONFIG).forPriming()).prime());
    }

    @Test
    void withAMappingPrimingRunsThePersonalPathToo() throws Exception {
        // STS and MWAA both answer from memory: the snapshot holds the STS client's request path as well.
        Config config = Config.from(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin=" + PersonalLoginTest.ADMIN_ARN));
        List<String> answers = new HttpApiHandler(LoginService.create(config).forPriming()).prime();
        assertPrimed(answers);
        String body = JsonReader.text(JsonReader.parse(answers.get(0)), "body");
        assertEquals("Admin", JsonReader.text(JsonReader.parse(body), "airflowRole"));
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
    }

    @Test
    void withBrowserSignInPrimingSignsAPersonInOverAnInMemoryProvider() throws Exception {
        // Whatever the real provider's settings say, priming talks to nothing but memory.
        Config config = Config.from(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ROLE_MAPPING", "admins=Admin", "AIRFLOW_ROLE_ARNS", "Admin=" + PersonalLoginTest.ADMIN_ARN,
                "SIGN_IN_SECRET", "real-secret", "OIDC_ISSUER", "https://real-idp.example.com"));
        List<String> answers = new HttpApiHandler(LoginService.create(config).forPriming()).prime();
        List<String> statuses = answers.stream().map(answer -> ((JsonReader.JsonNumber) JsonReader.object(
                JsonReader.parse(answer)).get("statusCode")).text()).toList();
        assertEquals(List.of("401", "302", "302", "302", "200"), statuses);
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(2)), "headers", "Location")
                .startsWith(BrowserPriming.ISSUER + "/authorize?"), "to the in-memory provider");
        assertEquals("https://priming.invalid.airflow.on.aws/aws_mwaa/aws-console-sso?login=true#priming-not-a-token",
                JsonReader.text(JsonReader.parse(answers.get(3)), "headers", "Location"), "signed in, into Airflow");
        String body = JsonReader.text(JsonReader.parse(answers.get(4)), "body");
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
    }

    @Test
    void theHookRunsItsActionBeforeTheCheckpointOnly() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = Priming.beforeSnapshot(runs::incrementAndGet);
        assertEquals(0, runs.get(), "registering does not run it");
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        assertEquals(1, runs.get());
    }
}

package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void theHookRunsItsActionBeforeTheCheckpointOnly() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = Priming.beforeSnapshot(runs::incrementAndGet);
        assertEquals(0, runs.get(), "registering does not run it");
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        assertEquals(1, runs.get());
    }
}

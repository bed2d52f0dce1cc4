package dev.mwaalogin.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image's AOT training walks every sign-in path, from priming's canned answers, and stops on a broken one. */
class AotTrainingTest {

    private static final Map<String, String> TRAINING_RUN = Map.of("MWAA_ENVIRONMENT_NAME", "aot-training",
            "AWS_REGION", "us-east-1");

    private static List<String> statuses(List<String> answers) {
        return answers.stream().map(answer -> ((JsonReader.JsonNumber) JsonReader.object(JsonReader.parse(answer))
                .get("statusCode")).text()).toList();
    }

    @Test
    void aPersonBehindAJwtAuthorizerSignsInAsThemselvesThroughSts() throws Exception {
        List<String> answers = AotTraining.train(TRAINING_RUN, AotTraining.DEPLOYMENTS.get(0));
        // A script's login, a browser's, the home page, a call to Airflow's REST API as the person.
        assertEquals(List.of("200", "302", "200", "200"), statuses(answers));
        String body = JsonReader.text(JsonReader.parse(answers.get(0)), "body");
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
        assertEquals("Admin", JsonReader.text(JsonReader.parse(body), "airflowRole"));
    }

    @Test
    void browserSignInRunsTheProviderRoundTripThenABearerLogin() throws Exception {
        List<String> answers = AotTraining.train(TRAINING_RUN, AotTraining.DEPLOYMENTS.get(1));
        // No session (JSON, redirect), sent to the provider, the callback signs in, a bearer token's login, then the
        // same token's home page and its call to Airflow's REST API.
        assertEquals(List.of("401", "302", "302", "302", "200", "200", "200"), statuses(answers));
        assertTrue(JsonReader.text(JsonReader.parse(answers.get(3)), "headers", "Location")
                .startsWith("https://priming.invalid.airflow.on.aws/"), "the callback ends in Airflow");
        String body = JsonReader.text(JsonReader.parse(answers.get(4)), "body");
        assertEquals("priming@priming.invalid", JsonReader.text(JsonReader.parse(body), "person"));
    }

    @Test
    void aServerErrorOnAnyPathFailsTheTraining() {
        Map<String, String> deployment = AotTraining.DEPLOYMENTS.get(1);
        String ok = "{\"statusCode\":302,\"headers\":{}}";
        assertEquals(List.of(ok), AotTraining.served(List.of(ok), deployment));
        for (String broken : List.of("{\"statusCode\":502,\"headers\":{}}", "", "{\"errorMessage\":\"x\"}")) {
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> AotTraining.served(List.of(ok, broken), deployment));
            assertTrue(failed.getMessage().contains("SIGN_IN_SECRET"), failed.getMessage());
        }
    }
}

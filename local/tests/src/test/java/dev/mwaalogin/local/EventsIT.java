package dev.mwaalogin.local;

import dev.mwaalogin.local.template.TemplateFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every event in {@code events/} through the built function exactly as Lambda would: a JVM running AWS's
 * runtime interface client, which deserialises the event into the handler's own event type and serialises the
 * answer back, against the MWAA emulator over real HTTP with SigV4.
 */
class EventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = TemplateFixtures.ROOT;

    @Test
    void everyEventGetsItsDocumentedAnswer() throws IOException {
        Properties expected = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/events-expected.properties")) {
            expected.load(in);
        }
        List<Path> events;
        try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
            events = files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("env.json")).sorted().toList();
        }
        assertTrue(events.size() >= 9, "events: " + events);
        List<String> tokens = new ArrayList<>();
        List<String> logs = new CopyOnWriteArrayList<>();
        for (String function : new String[] {"LoginFunction", "RestLoginFunction"}) {
            try (LocalSetup setup = LocalSetup.create(new LocalSetup.Options(
                    new String[] {"--project", ROOT.toString(), "--function", function}, Set.of()));
                 FunctionProcess process = setup.startFunction(logs::add)) {
                for (Path event : events) {
                    boolean rest = event.getFileName().toString().startsWith("rest-");
                    if (rest != function.equals("RestLoginFunction")) {
                        continue;
                    }
                    String name = event.getFileName().toString();
                    String status = expected.getProperty(name);
                    assertNotNull(status, name + " has no expected status in events-expected.properties");
                    JsonNode response = JSON.readTree(process.invoke(Files.readString(event)).body());
                    assertEquals(Integer.parseInt(status), response.path("statusCode").asInt(), name + ": " + response);
                    check(name, response, setup.emulator.endpoint().toString(), tokens);
                }
            }
        }
        assertEquals(expected.entrySet().stream().filter(event -> !event.getKey().toString().startsWith("http-api-"))
                .map(Map.Entry::getValue).filter(status -> status.equals("200") || status.equals("302"))
                .count(), tokens.size(), "logins minted: one per event documented as a login");
        for (String line : logs) {
            for (String token : tokens) {
                assertFalse(line.contains(token), "a token reached a log line: " + line.length() + " chars");
            }
        }
        assertTrue(logs.stream().anyMatch(l -> l.contains("\"message\":\"login status=302 environment=demo")), logs
                .toString());
    }

    /** Lambda shows the init error to whoever looks at a failed deploy: it must say what to fix. */
    @Test
    void aRefusedConfigurationFailsInitWithAMessageNamingTheVariable(@TempDir Path temp) throws IOException {
        Path envVars = temp.resolve("env.json");
        Files.writeString(envVars, "{\"LoginFunction\":{\"MWAA_ENVIRONMENT_NAME\":\"demo\",\"MWAA_TIMEOUT_MS\":\"60000\"},"
                + "\"RestLoginFunction\":{\"MWAA_ENVIRONMENT_NAME\":\"9starts-with-a-digit\"}}");
        Map<String, String> expected = Map.of(
                "LoginFunction", "\"errorMessage\":\"MWAA_TIMEOUT_MS must be between 100 and 25000\"",
                "RestLoginFunction", "\"errorMessage\":\"MWAA_ENVIRONMENT_NAME ");
        for (Map.Entry<String, String> function : expected.entrySet()) {
            try (LocalSetup setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project",
                    ROOT.toString(), "--function", function.getKey(), "--env-vars", envVars.toString()}, Set.of()));
                 FunctionProcess process = setup.startFunction(line -> { })) {
                IOException failure = assertThrows(IOException.class, process::awaitInit);
                assertTrue(failure.getMessage().contains(function.getValue()), failure.getMessage());
                assertTrue(failure.getMessage().contains("\"errorType\":\"java.lang.IllegalArgumentException\""),
                        failure.getMessage());
            }
        }
    }

    private static void check(String name, JsonNode response, String emulator, List<String> tokens)
            throws IOException {
        JsonNode headers = response.path("headers");
        assertEquals("no-store", headers.path("Cache-Control").asText(), name);
        assertEquals("no-cache", headers.path("Pragma").asText(), name);
        assertEquals("no-referrer", headers.path("Referrer-Policy").asText(), name);
        assertEquals("nosniff", headers.path("X-Content-Type-Options").asText(), name);
        int status = response.path("statusCode").asInt();
        if (name.startsWith("http-api-")) {
            // Airflow's own answer, as the fake Airflow behind the emulator's InvokeRestApi gave it: Bob's list of
            // DAGs (two, as asked), or his run.
            JsonNode body = JSON.readTree(response.path("body").asText());
            assertEquals("application/json", headers.path("Content-Type").asText(), name);
            assertTrue(name.contains("list-dags") ? body.path("dags").size() == 2
                    : body.path("dag_run_id").asText().startsWith("manual__"), name + ": " + body);
            return;
        }
        if (status == 302) {
            String location = headers.path("Location").asText();
            // Each environment's own page: demo runs Airflow 2 locally, analytics Airflow 3 (events/env.json).
            String page = name.contains("named-env") ? "/pluginsv2/aws_mwaa/aws-console-sso" : "/aws_mwaa/aws-console-sso";
            String prefix = emulator + page + "?login=true#";
            assertTrue(location.startsWith(prefix), name + ": " + location.length());
            tokens.add(location.substring(prefix.length()));
        } else if (status == 200) {
            JsonNode body = JSON.readTree(response.path("body").asText());
            assertEquals("demo", body.path("environment").asText(), name);
            assertEquals(body.path("url").asText(), emulator + "/aws_mwaa/aws-console-sso?login=true#"
                    + body.path("webToken").asText(), name);
            assertTrue(body.path("hostname").asText().endsWith(".airflow.on.aws"), name);
            assertTrue(body.path("expiresAt").asText().endsWith("Z"), name);
            // events/env.json maps groups to roles: each caller is their own Airflow user with the mapped role, named
            // by the person as is, or (a person STS would not take as is, such as an untrusted role's
            // "AirflowLogin/alice@example.com") by its readable part and a hash of it.
            String person = body.path("person").asText();
            assertFalse(person.isEmpty(), name + ": the answer names the person");
            String prefix = "assumed-role/" + body.path("airflowRole").asText() + "-local/";
            String identity = body.path("iamIdentity").asText();
            assertTrue(identity.startsWith(prefix), name + ": " + identity);
            String session = identity.substring(prefix.length());
            assertTrue(session.equals(person) || session.matches("[\\w+=,.@-]+-[0-9a-f]{16}")
                    && !session.equals(person), name + ": " + session + " for " + person);
            assertEquals(body.path("iamIdentity").asText(), body.path("airflowIdentity").asText(), name);
            tokens.add(body.path("webToken").asText());
        } else {
            assertFalse(headers.has("Location"), name);
            String body = response.path("body").asText();
            assertTrue(body.contains("\"error\":{\"code\":\"") || body.startsWith("<!doctype html>"), name + body);
            if (status == 405) {
                assertEquals("GET", headers.path("Allow").asText(), name);
            }
        }
    }
}

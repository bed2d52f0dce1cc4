package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.emulator.TokenLedger;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Callers API Gateway's own authorizers vouch for ({@code AUTH_MODE} JWT and AWS_IAM), through the built function
 * under AWS's runtime interface client against the emulator, with events shaped as an HTTP API delivers them: a JWT
 * authorizer's claims flattened to strings ({@code ["Helpdesk Admins"]} arrives as {@code [Helpdesk Admins]}) beside
 * the token itself in the Authorization header; an IAM authorizer's signing principal. Each attack first shows the
 * legitimate call it imitates working; the attack is refused with nothing minted (the emulator counts every
 * CreateWebLoginToken and AssumeRole), or signs in only as the caller's own, different Airflow user.
 */
class GatewayCallerHostileIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";

    @Test
    void aJwtCallersGroupsAreTheTokensNotWordsOfTheAuthorizersString() throws IOException {
        try (Gateway jwt = Gateway.start("JWT", "Admins=Admin;x-admins=Admin")) {
            // The control: a member of Admins.
            JsonNode admin = jwt.call(jwtEvent(token("alice", "alice@example.com", true, List.of("Admins")), null));
            assertEquals("Admin", admin.path("airflowRole").asText(), admin.toString());
            assertEquals("alice@example.com", admin.path("person").asText());
            long before = jwt.minted();
            // Groups whose flattened form holds the word "Admins": one group with a space each, never "Admins".
            for (List<String> groups : List.of(List.of("Helpdesk Admins"), List.of("Helpdesk Admins", "Everyone"),
                    List.of("x Admins"), List.of("x-admins ", "ADMINS"))) {
                JsonNode refused = jwt.refusal(jwtEvent(token("mallory", "mallory@example.com", true, groups), null),
                        403);
                assertEquals("NoAirflowRole", refused.path("error").path("code").asText(), groups.toString());
            }
            assertEquals(before, jwt.minted(), "nothing minted, no role assumed");
        }
    }

    @Test
    void aJwtCallerIsNamedOnlyByTheAuthorizersOwnTokenAndAVerifiedAddress() throws IOException {
        try (Gateway jwt = Gateway.start("JWT", "Admins=Admin")) {
            Map<String, Object> alice = token("alice", "alice@example.com", true, List.of("Admins"));
            assertEquals("Admin", jwt.call(jwtEvent(alice, null)).path("airflowRole").asText());
            long before = jwt.minted();
            // Mallory's verified token in the authorizer's claims, Alice's in the header.
            Map<String, Object> mallory = token("mallory", "mallory@example.com", true, List.of("Everyone"));
            assertEquals("NoIdentity", jwt.refusal(jwtEvent(alice, mallory), 403).path("error").path("code")
                    .asText());
            // Her own token claiming Alice's address, unverified; or no address at all (no fallback to sub).
            assertEquals("NoIdentity", jwt.refusal(jwtEvent(token("mallory", "alice@example.com", false,
                    List.of("Admins")), null), 403).path("error").path("code").asText());
            Map<String, Object> noAddress = token("alice@example.com", null, false, List.of("Admins"));
            assertEquals("NoIdentity", jwt.refusal(jwtEvent(noAddress, null), 403).path("error").path("code")
                    .asText());
            // A signed IAM request cannot get into a JWT function (a role named Admins would match the rule).
            assertEquals("NoIdentity", jwt.refusal(iamEvent("arn:aws:sts::123456789012:assumed-role/Admins/alice"),
                    403).path("error").path("code").asText());
            assertEquals(before, jwt.minted(), "nothing minted, no role assumed");
        }
    }

    @Test
    void anIamSessionNameIsAPersonOnlyWhereAwsSetsIt() throws IOException {
        try (Gateway iam = Gateway.start("AWS_IAM", "AWSReservedSSO_DataEngineers_*=User;Deployer=User")) {
            // The control: IAM Identity Center's session name is the user it signed in.
            JsonNode alice = iam.call(iamEvent("arn:aws:sts::123456789012:assumed-role/"
                    + "AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789/alice"));
            assertEquals("assumed-role/User-local/alice", alice.path("airflowIdentity").asText(), alice.toString());
            // Anyone who may assume Deployer can name the session "alice": they sign in, but as a user of their own.
            JsonNode deployer = iam.call(iamEvent("arn:aws:sts::123456789012:assumed-role/Deployer/alice"));
            assertEquals("Deployer/alice", deployer.path("person").asText());
            String theirs = deployer.path("airflowIdentity").asText();
            assertTrue(theirs.matches("assumed-role/User-local/Deployer-alice-[0-9a-f]{16}"), theirs);
            assertNotEquals(alice.path("airflowIdentity").asText().toLowerCase(Locale.ROOT),
                    theirs.toLowerCase(Locale.ROOT));
            long before = iam.minted();
            // A JWT cannot get into an IAM function.
            JsonNode refused = iam.refusal(jwtEvent(token("alice", "alice@example.com", true, List.of("Deployer")),
                    null), 403);
            assertEquals("NoIdentity", refused.path("error").path("code").asText());
            assertEquals(before, iam.minted(), "nothing minted, no role assumed");
        }
    }

    /** The built function, configured so, and the emulator it calls. */
    private record Gateway(LocalSetup setup, FunctionProcess process, List<String> logs) implements AutoCloseable {

        static Gateway start(String authMode, String roleMapping) throws IOException {
            LocalSetup setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project",
                EventsIT.ROOT.toString(), "--function", "LoginFunction"}, Set.of()));
            setup.environment.put("AUTH_MODE", authMode);
            setup.environment.put("ROLE_MAPPING", roleMapping);
            List<String> logs = new CopyOnWriteArrayList<>();
            try {
                return new Gateway(setup, setup.startFunction(logs::add), logs);
            } catch (IOException | RuntimeException e) {
                setup.close();
                throw e;
            }
        }

        long minted() {
            return setup.emulator.hits("demo") + setup.emulator.hits("analytics")
                    + setup.emulator.hits(MwaaEmulator.STS);
        }

        /** A login: 200 with JSON; the token is recorded for the build's secret scan. */
        JsonNode call(String event) throws IOException {
            JsonNode response = JSON.readTree(process.invoke(event).body());
            assertEquals(200, response.path("statusCode").asInt(), response.toString());
            JsonNode body = JSON.readTree(response.path("body").asText());
            TokenLedger.configured().record(body.path("webToken").asText());
            return body;
        }

        JsonNode refusal(String event, int status) throws IOException {
            JsonNode response = JSON.readTree(process.invoke(event).body());
            assertEquals(status, response.path("statusCode").asInt(), response.toString());
            return JSON.readTree(response.path("body").asText());
        }

        @Override
        public void close() {
            try {
                process.close();
            } finally {
                setup.close();
            }
        }
    }

    /** A token's claims: the person's e-mail address (null: none) and whether it is verified, and groups. */
    private static Map<String, Object> token(String subject, String email, boolean verified, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("iat", 1_764_400_000L);
        claims.put("exp", 4_102_444_800L);
        claims.put("token_use", "id");
        if (email != null) {
            claims.put("email", email);
            claims.put("email_verified", verified);
        }
        claims.put("cognito:groups", groups);
        return claims;
    }

    /**
     * An HTTP API event for {@code GET /login?format=json} with a JWT authorizer: the header carries {@code sent}, the
     * authorizer's claims are {@code verified} (null: the same token) flattened as API Gateway flattens them.
     */
    private static String jwtEvent(Map<String, Object> sent, Map<String, Object> verified) throws IOException {
        ObjectNode event = baseEvent();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(sent));
        ((ObjectNode) event.path("headers")).put("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln");
        ObjectNode claims = ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("jwt")
                .putObject("claims");
        (verified == null ? sent : verified).forEach((name, value) -> claims.put(name, value instanceof List<?> list
                ? "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]" : String.valueOf(value)));
        return JSON.writeValueAsString(event);
    }

    private static String iamEvent(String userArn) throws IOException {
        ObjectNode event = baseEvent();
        ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("iam").put("userArn", userArn);
        return JSON.writeValueAsString(event);
    }

    private static ObjectNode baseEvent() {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "ANY /login")
                .put("rawPath", "/login").put("rawQueryString", "format=json");
        event.putObject("headers").put("accept", "application/json");
        event.putObject("queryStringParameters").put("format", "json");
        ObjectNode context = event.putObject("requestContext").put("requestId", "gateway-hostile")
                .put("stage", "$default").put("routeKey", "ANY /login");
        context.putObject("http").put("method", "GET").put("path", "/login");
        event.put("isBase64Encoded", false);
        return event;
    }
}

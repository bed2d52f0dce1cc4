package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssumeRoleParametersTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/mwaa-viewer";

    private static Map<String, String> with(String... pairs) {
        Map<String, String> parameters = new HashMap<>(Map.of("Action", "AssumeRole", "RoleArn", ROLE,
                "RoleSessionName", "alice"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                parameters.remove(pairs[i]);
            } else {
                parameters.put(pairs[i], pairs[i + 1]);
            }
        }
        return parameters;
    }

    private static String refusal(Map<String, String> parameters) {
        ApiException e = assertThrows(ApiException.class, () -> AssumeRoleParameters.from(parameters));
        assertEquals(400, e.status());
        assertEquals("ValidationError", e.type());
        return e.getMessage();
    }

    @Test
    void readsEveryParameterWithAnHourByDefault() throws Exception {
        assertEquals(new AssumeRoleParameters(ROLE, "alice", Duration.ofHours(1), null),
                AssumeRoleParameters.from(with()));
        assertEquals(new AssumeRoleParameters(ROLE, "alice@example.com", Duration.ofSeconds(900), "alice@example.com"),
                AssumeRoleParameters.from(with("RoleSessionName", "alice@example.com", "DurationSeconds", "900",
                        "SourceIdentity", "alice@example.com", "Tags.member.1.Key", "team")));
    }

    @Test
    void aBadSessionNameIsNamedInAwsWording() {
        assertEquals("1 validation error detected: Value 'alice smith' at 'roleSessionName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                refusal(with("RoleSessionName", "alice smith")));
        assertEquals("1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 2", refusal(with("RoleSessionName", "a")));
        assertTrue(refusal(with("RoleSessionName", "x".repeat(65)))
                .endsWith("Member must have length less than or equal to 64"));
    }

    @Test
    void everyBrokenConstraintIsListed() {
        assertEquals("2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member "
                + "must not be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not "
                + "be null", refusal(with("RoleArn", null, "RoleSessionName", null)));
    }

    @Test
    void sourceIdentityFollowsTheSessionNameRulesSoAwsPrefixesAreRefused() {
        assertTrue(refusal(with("SourceIdentity", "aws:alice")).contains("Value 'aws:alice' at 'sourceIdentity' "
                + "failed to satisfy constraint: Member must satisfy regular expression pattern"));
        assertTrue(refusal(with("SourceIdentity", "x".repeat(65))).contains("at 'sourceIdentity'"));
    }

    @Test
    void durationIsBetweenFifteenMinutesAndTwelveHours() {
        assertEquals("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 900", refusal(with("DurationSeconds", "899")));
        assertTrue(refusal(with("DurationSeconds", "43201")).endsWith("less than or equal to 43200"));
        assertTrue(refusal(with("DurationSeconds", "soon")).contains("at 'durationSeconds'"));
    }
}

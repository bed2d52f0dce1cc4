package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallersTest {

    private static Optional<Caller> jwt(Map<String, String> claims) {
        return Callers.fromJwtClaims(claims, IdentitySettings.DEFAULT_PERSON_CLAIMS,
                IdentitySettings.DEFAULT_GROUP_CLAIMS);
    }

    @Test
    void anHttpApiArrayClaimArrivesAsOneBracketedString() {
        // What API Gateway's JWT authorizer really hands the function for "cognito:groups": ["admins","data-eng"].
        Caller caller = jwt(Map.of("sub", "1b2c", "email", "alice@example.com", "cognito:groups", "[admins data-eng]"))
                .orElseThrow();
        assertEquals("alice@example.com", caller.person());
        assertEquals(List.of("admins", "data-eng"), caller.groups());
        assertEquals(Caller.Source.JWT_AUTHORIZER, caller.source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[admins data-eng]     | admins,data-eng",
        "[admins]              | admins",
        "[]                    | ''",
        "[\"admins\",\"Data Engineers\"] | admins,Data Engineers",
        "admins                | admins",
        "admins,data-eng       | admins,data-eng",
        "' Data Engineers '    | Data Engineers",
        "[a,  b]               | a,b",
    })
    void everyShapeOfAGroupsClaim(String value, String expected) {
        List<String> groups = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertEquals(groups, Callers.groups(value));
    }

    @Test
    void thePersonClaimsAreTriedInOrderAndGroupsMayBeAbsent() {
        assertEquals("alice", jwt(Map.of("sub", "1b2c", "cognito:username", "alice")).orElseThrow().person());
        assertEquals("1b2c", jwt(Map.of("sub", "1b2c")).orElseThrow().person());
        assertEquals(List.of(), jwt(Map.of("sub", "1b2c")).orElseThrow().groups());
        assertEquals(List.of("g"), jwt(Map.of("sub", "1b2c", "groups", "[g]")).orElseThrow().groups());
        assertEquals(Optional.empty(), jwt(Map.of("aud", "x", "email", " ")));
        assertEquals(Optional.empty(), jwt(Map.of("email", "\u0000\u0001 ")));
    }

    @Test
    void configuredClaimsAreUsedInsteadOfTheDefaults() {
        Caller caller = Callers.fromJwtClaims(Map.of("email", "a@x", "upn", "alice@corp", "roles", "[Airflow.Op]"),
                List.of("upn"), List.of("roles")).orElseThrow();
        assertEquals("alice@corp", caller.person());
        assertEquals(List.of("Airflow.Op"), caller.groups());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arn:aws:sts::123456789012:assumed-role/AirflowLogin/alice@example.com | alice@example.com | AirflowLogin",
        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789/bob | bob "
                + "| AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789",
        "arn:aws-cn:iam::123456789012:user/ops/carol | carol | user/carol",
        "arn:aws:sts::123456789012:federated-user/dave | dave | federated-user/dave",
    })
    void anIamPrincipalIsItsSessionOrUserName(String arn, String person, String group) {
        Caller caller = Callers.fromPrincipalArn(arn).orElseThrow();
        assertEquals(person, caller.person());
        assertEquals(List.of(group), caller.groups());
        assertEquals(Caller.Source.IAM_AUTHORIZER, caller.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/r",
        "arn:aws:sts::123456789012:assumed-role/r/", "not an arn", "arn:aws:s3:::bucket/key",
        "arn:aws:iam::123456789012:role/Admin", ""})
    void anythingElseIsNoOne(String arn) {
        assertTrue(Callers.fromPrincipalArn(arn).isEmpty(), arn);
    }
}

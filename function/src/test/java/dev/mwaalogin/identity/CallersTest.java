package dev.mwaalogin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IAM callers: a session name is a person only where AWS or the role's trust policy sets it. */
class CallersTest {

    private static final IdentitySettings TRUSTING_AIRFLOW_LOGIN = settings("AirflowLogin");
    private static final IdentitySettings TRUSTING_NONE = settings(null);

    private static IdentitySettings settings(String trusted) {
        return IdentitySettings.from(new dev.mwaalogin.settings.Variables(trusted == null ? Map.of()
                : Map.of("TRUSTED_SESSION_ROLES", trusted)));
    }

    private static Caller caller(String arn, IdentitySettings settings) {
        return Callers.fromPrincipalArn(arn, settings).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // IAM Identity Center: AWS sets the session name to the user, whoever assumes the role.
        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789/dave@example.com "
                + "| dave@example.com | AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789",
        // A role the operator lists: its trust policy pins the session name.
        "arn:aws:sts::123456789012:assumed-role/AirflowLogin/alice@example.com | alice@example.com | AirflowLogin",
        "arn:aws:sts::123456789012:assumed-role/airflowlogin/alice@example.com | alice@example.com | airflowlogin",
        // Anyone else names their own session: the person is the role and the session.
        "arn:aws:sts::123456789012:assumed-role/Deployer/alice@example.com | Deployer/alice@example.com | Deployer",
        "arn:aws-cn:iam::123456789012:user/ops/carol | user/carol | user/carol",
        "arn:aws:sts::123456789012:federated-user/dave | federated/dave | federated-user/dave",
        // A role named like a namespace cannot pass for an IAM user or a federated user.
        "arn:aws:sts::123456789012:assumed-role/user/carol | role/user/carol | user",
        "arn:aws:sts::123456789012:assumed-role/Federated/dave | role/Federated/dave | Federated",
    })
    void anIamPrincipalIsItsTrustedSessionNameOrANamespacedName(String arn, String person, String group) {
        Caller caller = caller(arn, TRUSTING_AIRFLOW_LOGIN);
        assertEquals(person, caller.person());
        assertEquals(List.of(group), caller.groups());
        assertEquals(Caller.Source.IAM_AUTHORIZER, caller.source());
    }

    @Test
    void aRoleIsTrustedOnlyWhenListed() {
        String arn = "arn:aws:sts::123456789012:assumed-role/AirflowLogin/alice@example.com";
        assertEquals("alice@example.com", caller(arn, TRUSTING_AIRFLOW_LOGIN).person());
        assertEquals("AirflowLogin/alice@example.com", caller(arn, TRUSTING_NONE).person());
    }

    @Test
    void noUntrustedCallerCanNameThemselvesLikeATrustedPersonOrAnotherKindOfCaller() {
        // Everyone who could call themselves "alice": only the Identity Center session is the person "alice".
        List<String> arns = List.of(
                "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admins_0123456789abcdef/alice",
                "arn:aws:sts::123456789012:assumed-role/Deployer/alice",
                "arn:aws:sts::123456789012:assumed-role/user/alice",
                "arn:aws:sts::123456789012:assumed-role/federated/alice",
                "arn:aws:sts::123456789012:assumed-role/role/alice",
                "arn:aws:iam::123456789012:user/alice",
                "arn:aws:sts::123456789012:federated-user/alice");
        Set<String> persons = arns.stream().map(arn -> caller(arn, TRUSTING_NONE).person()).collect(Collectors.toSet());
        assertEquals(arns.size(), persons.size(), persons.toString());
        for (String arn : arns.subList(1, arns.size())) {
            String person = caller(arn, TRUSTING_NONE).person();
            assertNotEquals("alice", person, arn);
            assertTrue(person.contains("/"), "a namespace of its own: " + person);
            int max = SessionNames.maxLengthFor("Viewer-1a2b3c4d");
            assertNotEquals(SessionNames.of("alice", max).toLowerCase(), SessionNames.of(person, max).toLowerCase(),
                    arn);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/r",
        "arn:aws:sts::123456789012:assumed-role/r/", "arn:aws:sts::123456789012:assumed-role//alice", "not an arn",
        "arn:aws:s3:::bucket/key", "arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:user/",
        "arn:aws:sts::123456789012:federated-user/", ""})
    void anythingElseIsNoOne(String arn) {
        assertEquals(Optional.empty(), Callers.fromPrincipalArn(arn, TRUSTING_AIRFLOW_LOGIN), arn);
    }
}

package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IamRoleTest {

    @Test
    void nameAndAccountComeFromTheArnPathIncluded() {
        IamRole role = IamRole.of("arn:aws:iam::210987654321:role/teams/data/mwaa-op", "Op", "demo");
        assertEquals("mwaa-op", role.name());
        assertEquals("210987654321", role.account());
        assertEquals(Set.of("demo"), role.environments());
        assertEquals(IamRole.DEFAULT_MAX_SESSION_DURATION, role.maxSessionDuration());
    }

    @Test
    void grantsItsAirflowRoleInItsEnvironmentsOrEverywhere() {
        MwaaGrant some = IamRole.of("arn:aws:iam::123456789012:role/a", "Admin", "demo", "analytics").grant();
        assertEquals("Admin", some.airflowRole());
        assertTrue(some.allows("analytics"));
        assertFalse(some.allows("other"));
        assertTrue(IamRole.of("arn:aws:iam::123456789012:role/a", "Viewer").grant().allows("anything"));
    }

    @Test
    void aRoleMayCallInvokeRestApiUnlessItsPolicyWasNarrowed() {
        IamRole op = IamRole.of("arn:aws:iam::123456789012:role/op", "Op", "demo");
        assertTrue(op.restApi());
        assertTrue(op.grant().allowsRestApi("demo"));
        assertFalse(op.grant().allowsRestApi("other"), "only in its environments");
        assertTrue(op.withMaxSessionDuration(Duration.ofHours(2)).grant().allowsRestApi("demo"));
        MwaaGrant narrowed = op.withoutRestApi().grant();
        assertFalse(narrowed.allowsRestApi("demo"));
        assertTrue(narrowed.allows("demo"), "it still signs in");
        assertFalse(MwaaGrant.everywhere("Admin").allowsRestApi("demo"), "registered credentials: not by default");
        assertTrue(MwaaGrant.everywhere("Admin", true).allowsRestApi("demo"));
    }

    @Test
    void mistakesAreRefused() {
        for (String arn : new String[] {"arn:aws:iam::12345:role/a", "arn:aws:iam::123456789012:user/a",
                "arn:aws:sts::123456789012:role/a", "mwaa-admin", "arn:aws:iam::123456789012:role/" + "n".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> IamRole.of(arn, "Admin"), arn);
        }
        assertThrows(IllegalArgumentException.class, () -> IamRole.of("arn:aws:iam::123456789012:role/a", "Ad min"));
        assertThrows(IllegalArgumentException.class, () -> IamRole.of("arn:aws:iam::123456789012:role/a", "Admin")
                .withMaxSessionDuration(Duration.ofMinutes(30)));
        assertThrows(IllegalArgumentException.class, () -> IamRole.of("arn:aws:iam::123456789012:role/a", "Admin")
                .withMaxSessionDuration(Duration.ofHours(13)));
    }

    @Test
    void otherPartitionsAreRoles() {
        assertEquals("r", IamRole.of("arn:aws-cn:iam::123456789012:role/r", "User").name());
    }
}

package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalsTest {

    private static final IamRole ADMIN = IamRole.of("arn:aws:iam::123456789012:role/mwaa-admin", "Admin", "demo");

    @TempDir
    Path dir;

    private final SsoPageIT.ManualClock clock = new SsoPageIT.ManualClock();

    private Principals principals(TokenLedger ledger) {
        return new Principals(Map.of(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT),
                MwaaGrant.everywhere("Viewer"), clock, ledger);
    }

    @Test
    void registeredCredentialsSignInEverywhereWithTheConfiguredRole() {
        Principal function = principals(TokenLedger.NONE).find(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID).orElseThrow();
        assertTrue(function.registered());
        assertEquals("Viewer", function.grant().airflowRole());
        assertTrue(function.grant().allows("anything"));
        assertFalse(function.expiredAt(clock.instant().plus(Duration.ofDays(3650))));
        assertEquals("arn:aws:sts::123456789012:assumed-role/mwaa-login-local/demo", function.arn("123456789012"));
        assertEquals("arn:aws:iam::123456789012:user/bob", Principal.registered(
                EmulatorCredentials.of("AKIABOB", "s", "user/bob"), function.grant()).arn("123456789012"));
    }

    @Test
    void sessionsGetFreshTemporaryCredentialsThatExpire() {
        Principals principals = principals(TokenLedger.NONE);
        Principal session = principals.issue(ADMIN, "alice", Duration.ofMinutes(15));
        EmulatorCredentials credentials = session.credentials();
        assertTrue(credentials.accessKeyId().matches("ASIA[A-Z2-7]{16}"), credentials.accessKeyId());
        assertEquals(40, credentials.secretAccessKey().length());
        assertTrue(credentials.sessionToken().length() >= 300);
        assertEquals("assumed-role/mwaa-admin/alice", credentials.iamIdentity());
        assertFalse(session.registered());
        assertEquals(ADMIN.grant(), session.grant());
        assertEquals(session, principals.find(credentials.accessKeyId()).orElseThrow());

        assertFalse(session.expiredAt(clock.instant().plus(Duration.ofMinutes(15)).minusMillis(1)));
        assertTrue(session.expiredAt(clock.instant().plus(Duration.ofMinutes(15))));
        assertNotEquals(credentials, principals.issue(ADMIN, "alice", Duration.ofMinutes(15)).credentials());
    }

    @Test
    void expiredSessionsAreRememberedForAnHourThenForgotten() {
        Principals principals = principals(TokenLedger.NONE);
        String keyId = principals.issue(ADMIN, "alice", Duration.ofMinutes(15)).credentials().accessKeyId();
        clock.advance(Duration.ofMinutes(70));
        principals.issue(ADMIN, "bob", Duration.ofMinutes(15)); // issuing sweeps
        assertTrue(principals.find(keyId).isPresent(), "still known: refused as expired, not as unknown");
        clock.advance(Duration.ofMinutes(10));
        principals.issue(ADMIN, "carol", Duration.ofMinutes(15));
        assertTrue(principals.find(keyId).isEmpty());
    }

    @Test
    void secretKeysAndSessionTokensGoToTheLedger() throws Exception {
        Path file = dir.resolve("ledger");
        EmulatorCredentials issued = principals(TokenLedger.at(file)).issue(ADMIN, "alice", Duration.ofMinutes(15))
                .credentials();
        assertEquals(List.of(issued.secretAccessKey(), issued.sessionToken()), Files.readAllLines(file));
    }
}

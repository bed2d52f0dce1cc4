package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Per-person sign-in as the function will do it, with the real AWS SDK v2: STS AssumeRole with the function's own
 * credential, then CreateWebLoginToken with the session's credentials, then the Airflow page.
 */
class StsSdkClientIT {

    private static final String ADMIN = "arn:aws:iam::123456789012:role/mwaa-admin";
    private static final String VIEWER = "arn:aws:iam::123456789012:role/mwaa-viewer";
    private static final String FUNCTION = "arn:aws:sts::123456789012:assumed-role/mwaa-login-local/demo";

    private final SsoPageIT.ManualClock clock = new SsoPageIT.ManualClock();
    private MwaaEmulator emu;
    private StsClient sts;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("analytics").environment("v3demo", "3.0.6")
                .iamRole(ADMIN, "Admin", "demo", "v3demo")
                .iamRole(IamRole.of(VIEWER, "Viewer").withMaxSessionDuration(Duration.ofHours(4)))
                .clock(clock).requestLog(null).build().start();
        sts = SdkClients.sts(emu, SdkClients.DEFAULT);
    }

    @AfterEach
    void stop() {
        sts.close();
        emu.close();
    }

    private Credentials assume(String roleArn, String person) {
        return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(person).sourceIdentity(person)
                .durationSeconds(900)).credentials();
    }

    private CreateWebLoginTokenResponse mint(Credentials credentials, String environment) {
        try (MwaaClient mwaa = SdkClients.mwaa(emu, credentials)) {
            return mwaa.createWebLoginToken(r -> r.name(environment));
        }
    }

    @Test
    void theSessionSignsThePersonInWithTheRolesAirflowRole() throws Exception {
        AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(ADMIN).roleSessionName("alice")
                .sourceIdentity("alice").durationSeconds(900).tags(Tag.builder().key("person").value("alice").build()));
        Credentials credentials = assumed.credentials();
        assertTrue(credentials.accessKeyId().matches("ASIA[A-Z2-7]{16}"), credentials.accessKeyId());
        assertEquals(clock.instant().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS), credentials.expiration());
        assertEquals("arn:aws:sts::123456789012:assumed-role/mwaa-admin/alice", assumed.assumedRoleUser().arn());
        assertTrue(assumed.assumedRoleUser().assumedRoleId().matches("AROA[0-9A-F]{17}:alice"));
        assertEquals("alice", assumed.sourceIdentity());
        assertFalse(assumed.responseMetadata().requestId().isBlank());
        assertEquals(1, emu.hits(MwaaEmulator.STS));

        CreateWebLoginTokenResponse login = mint(credentials, "demo");
        assertEquals("assumed-role/mwaa-admin/alice", login.iamIdentity());
        assertEquals("assumed-role/mwaa-admin/alice", login.airflowIdentity());
        Map<String, Object> signedIn = JsonMaps.parse(new PlainHttp(emu)
                .send("POST", "/aws_mwaa/redeem", login.webToken()).body());
        assertEquals("Admin", signedIn.get("airflowRole"));
        assertEquals("signed in to demo as assumed-role/mwaa-admin/alice (Admin)", signedIn.get("message"));

        String v3 = mint(credentials, "v3demo").webToken();
        assertEquals("ok", JsonMaps.parse(new PlainHttp(emu)
                .send("POST", "/pluginsv2/aws_mwaa/redeem", v3).body()).get("result"));
    }

    @Test
    void aRoleWithoutAGrantForTheEnvironmentIsDenied() {
        Credentials admin = assume(ADMIN, "alice");
        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> mint(admin, "analytics"));
        assertEquals(403, denied.statusCode());
        assertEquals("User: arn:aws:sts::123456789012:assumed-role/mwaa-admin/alice is not authorized to perform: "
                + "airflow:CreateWebLoginToken on resource: "
                + "arn:aws:airflow:us-east-1:123456789012:role/analytics/Admin",
                denied.awsErrorDetails().errorMessage());
        assertEquals("assumed-role/mwaa-viewer/bob", mint(assume(VIEWER, "bob"), "analytics").airflowIdentity(),
                "a role with no environments listed grants every environment");
    }

    @Test
    void anUnknownRoleIsAccessDeniedAsAwsSaysIt() {
        StsException e = assertThrows(StsException.class, () -> assume("arn:aws:iam::123456789012:role/nope", "alice"));
        assertEquals(403, e.statusCode());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals("User: " + FUNCTION + " is not authorized to perform: sts:AssumeRole on resource: "
                + "arn:aws:iam::123456789012:role/nope", e.awsErrorDetails().errorMessage());
        assertFalse(e.requestId().isBlank());
    }

    @Test
    void aSessionCannotAssumeARoleInTurn() {
        try (StsClient asSession = SdkClients.sts(emu, SdkClients.session(assume(VIEWER, "bob")))) {
            StsException e = assertThrows(StsException.class, () -> asSession.assumeRole(r -> r.roleArn(ADMIN)
                    .roleSessionName("bob")));
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                    "User: arn:aws:sts::123456789012:assumed-role/mwaa-viewer/bob is not authorized"));
        }
    }

    @Test
    void aBadSessionNameIsAValidationError() {
        StsException e = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(ADMIN)
                .roleSessionName("alice smith")));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Value 'alice smith' "
                + "at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                + "pattern"), e.awsErrorDetails().errorMessage());
    }

    @Test
    void theDurationIsBoundByTheRolesMaximum() {
        StsException tooLong = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(ADMIN)
                .roleSessionName("alice").durationSeconds(7200)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
        assertEquals("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                tooLong.awsErrorDetails().errorMessage());
        Credentials viewer = sts.assumeRole(r -> r.roleArn(VIEWER).roleSessionName("bob").durationSeconds(7200))
                .credentials();
        assertEquals(clock.instant().plusSeconds(7200).truncatedTo(ChronoUnit.MILLIS), viewer.expiration());
        assertEquals("ValidationError", assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(VIEWER)
                .roleSessionName("bob").durationSeconds(600))).awsErrorDetails().errorCode());
    }

    @Test
    void throttlingIsRecognisedAsSuchAndStaysWithSts() {
        emu.faults(MwaaEmulator.STS).throttle();
        StsException e = assertThrows(StsException.class, () -> assume(ADMIN, "alice"));
        assertTrue(e.isThrottlingException());
        assertEquals(400, e.statusCode());
        assertEquals("Throttling", e.awsErrorDetails().errorCode());
        assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
        try (MwaaClient mwaa = MwaaClients.of(emu)) {
            assertFalse(mwaa.createWebLoginToken(r -> r.name("demo")).webToken().isEmpty(), "MWAA unaffected");
        }
        assertEquals(1, emu.hits(MwaaEmulator.STS));
    }

    @Test
    void otherFaultsArriveAsTheSdkSeesThem() {
        emu.faults(MwaaEmulator.STS).status(503).once();
        StsException unavailable = assertThrows(StsException.class, () -> assume(ADMIN, "alice"));
        assertEquals(503, unavailable.statusCode());
        assertEquals("ServiceUnavailable", unavailable.awsErrorDetails().errorCode());
        emu.faults(MwaaEmulator.STS).malformedJson().once();
        assertThrows(SdkClientException.class, () -> assume(ADMIN, "alice"), "truncated XML");
        // Unlike MWAA's bodyless POST, a POST with a body is not sent again by HttpURLConnection: one reset fails.
        emu.resetHits();
        emu.faults(MwaaEmulator.STS).reset().once();
        assertThrows(SdkClientException.class, () -> assume(ADMIN, "alice"));
        assertEquals(1, emu.hits(MwaaEmulator.STS));
        assertFalse(assume(ADMIN, "alice").accessKeyId().isEmpty(), "and then it works again");
    }

    /**
     * The session outlives its 15 minutes on the emulator's clock; the SDK is moved ahead by as much through its
     * JVM-wide clock offset (put back afterwards). The emulator's Date header carries the system time, not its moved
     * clock, so after each 403 the SDK re-learns the system time from it: the offset is set again before each call.
     */
    @Test
    void expiredSessionCredentialsAreRefused() {
        Credentials credentials = assume(ADMIN, "alice");
        clock.advance(Duration.ofSeconds(901));
        try {
            SdkGlobalTime.setGlobalTimeOffset(-901);
            MwaaException expired = assertThrows(MwaaException.class, () -> mint(credentials, "demo"));
            assertEquals(403, expired.statusCode());
            assertEquals("ExpiredTokenException", expired.awsErrorDetails().errorCode());
            assertEquals("The security token included in the request is expired",
                    expired.awsErrorDetails().errorMessage());
            SdkGlobalTime.setGlobalTimeOffset(-901);
            try (StsClient asSession = SdkClients.sts(emu, SdkClients.session(credentials))) {
                StsException e = assertThrows(StsException.class, () -> asSession.assumeRole(r -> r.roleArn(ADMIN)
                        .roleSessionName("alice")));
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
            }
        } finally {
            SdkGlobalTime.setGlobalTimeOffset(0);
        }
    }

    @Test
    void unknownKeysAndWrongSecretsAreRefusedInStsWords() {
        try (StsClient stranger = SdkClients.sts(emu, AwsBasicCredentials.create("AKIASTRANGER00000001", "x"))) {
            StsException e = assertThrows(StsException.class, () -> stranger.assumeRole(r -> r.roleArn(ADMIN)
                    .roleSessionName("alice")));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
        try (StsClient wrong = SdkClients.sts(emu, AwsBasicCredentials.create(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, "not-the-secret"))) {
            assertEquals("SignatureDoesNotMatch", assertThrows(StsException.class, () -> wrong.assumeRole(r -> r
                    .roleArn(ADMIN).roleSessionName("alice"))).awsErrorDetails().errorCode());
        }
    }

    @Test
    void theQueryStringFormWorksToo() throws Exception {
        var answer = new PlainHttp(emu).sendSigned("GET", "/?Action=AssumeRole&Version=2011-06-15&RoleArn="
                + ADMIN.replace(":", "%3A").replace("/", "%2F") + "&RoleSessionName=carol", null, "", "sts");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("text/xml", answer.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(answer.body().contains("<Arn>arn:aws:sts::123456789012:assumed-role/mwaa-admin/carol</Arn>"));
        var unknown = new PlainHttp(emu).sendSigned("POST", "/", "application/x-www-form-urlencoded",
                "Action=GetCallerIdentity&Version=2011-06-15", "sts");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("<Code>InvalidAction</Code>"), unknown.body());
        var unsigned = new PlainHttp(emu).send("GET", "/?Action=AssumeRole", null);
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("<Code>MissingAuthenticationToken</Code>"), unsigned.body());
    }
}

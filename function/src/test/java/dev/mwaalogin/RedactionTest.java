package dev.mwaalogin;

import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.aws.WebLogin;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;

/** Every object that holds a login token prints without it, so no log statement can leak one by accident. */
class RedactionTest {

    private static final String TOKEN = LoginServiceTest.TOKEN;
    private static final String HOST = LoginServiceTest.HOST;
    private static final String URL = "https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN;

    @Test
    void aWebLoginPrintsWithoutItsToken() {
        WebLogin login = new WebLogin("demo", TOKEN, HOST, "assumed-role/x/y", "assumed-role/x/y",
                Instant.parse("2026-11-26T10:01:00Z"), "mwaa-req-1");
        String printed = login.toString();
        assertFalse(printed.contains(TOKEN), printed);
        assertFalse(printed.contains(TOKEN.substring(0, 12)), printed);
        assertTrue(printed.contains("webToken=***"), printed);
    }

    @Test
    void aResponsePrintsNeitherItsLocationNorItsBody() {
        WebLogin login = new WebLogin("demo", TOKEN, HOST, null, null, Instant.EPOCH, "r");
        Outcome.Facts facts = Outcome.Facts.of(null, false);
        Outcome redirect = Outcome.loggedIn(facts.grant(new Grant.Shared(null)), login, URL, false);
        Outcome json = Outcome.loggedIn(facts.grant(new Grant.Personal("alice", AirflowRole.Viewer,
                PersonalLoginTest.VIEWER_ARN, "alice")), login, URL, true);
        for (Outcome outcome : new Outcome[] {redirect, json}) {
            String printed = Responses.of(outcome, "r").toString();
            assertFalse(printed.contains(TOKEN) || printed.contains("login=true#") || printed.contains(HOST), printed);
            assertFalse(outcome.toString().contains(TOKEN) || outcome.toString().contains(HOST), outcome.toString());
        }
        assertTrue(Responses.of(redirect, "r").toString().contains("Location"), "names the header, not its value");
    }

    @Test
    void theSdksResponsePrintsWithoutTheToken() {
        // WebToken is a sensitive member in MWAA's model; the SDK's toString redacts such members.
        CreateWebLoginTokenResponse answer = CreateWebLoginTokenResponse.builder().webToken(TOKEN)
                .webServerHostname(HOST).iamIdentity("assumed-role/x/y").airflowIdentity("y").build();
        String printed = answer.toString();
        assertFalse(printed.contains(TOKEN), printed);
        assertTrue(printed.contains("WebToken=*** Sensitive Data Redacted ***"), printed);
    }

    @Test
    void aFailedCallCarriesNoneOfMwaasMessage() {
        // MWAA's error text can quote the request or worse; only the code and the request id are kept.
        Failure.UpstreamFailed failed = Deadline.classify(Failure.Service.MWAA, AwsServiceException.builder()
                .message("secret detail " + TOKEN).statusCode(500).requestId("mwaa-req-9").awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("InternalServerException")
                                .errorMessage("secret detail " + TOKEN).build()).build());
        assertEquals(new Failure.UpstreamFailed(Failure.Service.MWAA, Failure.Kind.FAILED, "InternalServerException",
                "mwaa-req-9"), failed);
        Failed thrown = new Failed(failed);
        assertFalse(thrown.toString().contains("secret detail"), thrown.toString());
        assertFalse(thrown.getMessage().contains("secret detail"), thrown.getMessage());
    }
}

package dev.mwaalogin;

import dev.mwaalogin.priming.CannedHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.aws.UpstreamRetries;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The retry policy's two departures from the SDK's standard strategy (see {@link UpstreamRetries}). */
class UpstreamRetriesTest {

    private final TestContext context = new TestContext();

    @Test
    void anAnswerThatCannotBeReadIsNotRetried() {
        // A 200 cut off mid-body: MWAA has minted a token; asking again would only mint more.
        CannedHttpClient mwaa = new CannedHttpClient(200, Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "mwaa-req-3"), "{\"WebToken\":\"eyJ0eXAiOiJK");
        LoginResponse response = LoginServiceTest.service(mwaa).answer(
                LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"code\":\"UpstreamUnavailable\""), response.body());
        assertEquals(1, mwaa.calls(), "attempts");
    }

    @RepeatedTest(5)
    void throttlingUnderAShortDeadlineIsStillAnsweredAsThrottledAfterEveryAttempt() {
        // The standard strategy would wait up to 1 s, then up to 2 s: past this deadline, ending as a 504.
        CannedHttpClient mwaa = LoginServiceTest.mwaaFails(429, "ThrottlingException");
        LoginResponse response = LoginServiceTest.service(mwaa, "MWAA_TIMEOUT_MS", "400").answer(
                LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("2", response.headers().get("Retry-After"));
        assertEquals(UpstreamRetries.MAX_ATTEMPTS, mwaa.calls(), "attempts");
    }

    @Test
    void theWaitsBetweenAttemptsTakeAtMostThirtyPercentOfTheDeadline() {
        for (long deadline : new long[] {100, 400, 2000, 5000, 10_000}) {
            Duration worst = UpstreamRetries.worstCaseBackoff(Duration.ofMillis(deadline));
            assertTrue(worst.toMillis() <= deadline * 30 / 100, deadline + " ms: " + worst);
        }
        // Long deadlines keep the SDK's own throttling backoff: 1 s, then 2 s.
        assertEquals(Duration.ofSeconds(3), UpstreamRetries.worstCaseBackoff(Duration.ofSeconds(25)));
    }

    @Test
    void onlyUnreadableAnswersAreSingledOut() {
        assertTrue(UpstreamRetries.isUnreadableAnswer(SdkClientException.create("Unable to unmarshall",
                new software.amazon.awssdk.thirdparty.jackson.core.JsonParseException(null, "eof"))));
        assertFalse(UpstreamRetries.isUnreadableAnswer(SdkClientException.create("reset",
                new IOException("Connection reset"))));
        assertFalse(UpstreamRetries.isUnreadableAnswer(new IllegalStateException("x")));
    }
}

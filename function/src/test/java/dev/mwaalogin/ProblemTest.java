package dev.mwaalogin;

import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.request.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.LoginMetrics.Metric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one place failures become answers: every failure has one, with the status, code and metric it always had. */
public class ProblemTest {

    private static Config config(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "eu-west-1",
                "AIRFLOW_ROLE", "Viewer"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return Config.from(env);
    }

    private static Problem of(Failure failure, Config config) {
        return Problem.of(failure, config, Outcome.Facts.of(null, false).environment("demo"),
                Invocation.begin(null, TestContext.FUNCTION_ARN, 10_000, null));
    }

    @Test
    void everyKindOfFailureIsAnswered() {
        // Java 17 has no switch over a sealed type: this is the check that Problem.of knows every variant.
        assertEquals(Set.of(Failure.Refused.class, Failure.UpstreamFailed.class),
                Set.of(Failure.class.getPermittedSubclasses()));
        for (Reason reason : Reason.values()) {
            assertNotNull(of(new Failure.Refused(reason, null), config()), reason.name());
        }
        for (Service service : Service.values()) {
            for (Kind kind : Kind.values()) {
                Problem problem = of(new Failure.UpstreamFailed(service, kind, "X", null), config());
                assertTrue(problem.status() >= 400, service + " " + kind);
            }
        }
    }

    @Test
    void refusalsDecidedHereAre4xxRefusalsButTheFunctionsOwnFailures() {
        for (Reason reason : Reason.values()) {
            Problem problem = of(new Failure.Refused(reason, null), config());
            Set<Reason> ownFailures = Set.of(Reason.INTERNAL, Reason.SIGN_IN_MISCONFIGURED, Reason.SIGN_IN_UNAVAILABLE);
            if (ownFailures.contains(reason)) {
                assertTrue(problem.status() >= 500, reason.name());
            } else {
                assertTrue(problem.status() >= 400 && problem.status() < 500, reason.name());
                assertEquals(Metric.REFUSED, problem.metric(), reason.name());
            }
        }
    }

    @Test
    void eachServicesFailuresCountAsThatServicesErrors() {
        for (Kind kind : Kind.values()) {
            if (kind != Kind.NO_TIME_LEFT) {
                assertEquals(Metric.MWAA_ERROR, of(new Failure.UpstreamFailed(Service.MWAA, kind, "X", null),
                        config()).metric(), kind.name());
                assertEquals(Metric.STS_ERROR, of(new Failure.UpstreamFailed(Service.STS, kind, "X", null),
                        config()).metric(), kind.name());
                for (Service signIn : List.of(Service.SECRETS, Service.PROVIDER)) {
                    assertEquals(Metric.SIGN_IN_ERROR, of(new Failure.UpstreamFailed(signIn, kind, "X", null),
                            config()).metric(), signIn + " " + kind);
                }
            }
        }
    }

    @Test
    void noTimeLeftIsItsOwnProblemWhicheverCallItStopped() {
        Set<Problem> problems = Stream.of(Service.values()).map(service -> of(new Failure.UpstreamFailed(service,
                Kind.NO_TIME_LEFT, "NoTimeLeft", null), config())).collect(Collectors.toSet());
        assertEquals(Set.of(Problem.NO_TIME_LEFT), problems);
        assertEquals(504, Problem.NO_TIME_LEFT.status());
        assertEquals("NoTimeLeft", Problem.NO_TIME_LEFT.code());
        assertEquals(Metric.ERROR, Problem.NO_TIME_LEFT.metric(), "the function's own timeout, not MWAA's");
    }

    @Test
    void aTokenThatNamesNoOneIsToldWhichClaimCounts() {
        for (String claim : List.of("email", "oid")) {
            Problem problem = of(new Failure.Refused(Reason.UNNAMED, "NoPersonClaim"), config("IDENTITY_CLAIM",
                    claim, "ROLE_MAPPING", "*=Viewer", "AIRFLOW_ROLE_ARNS", "Viewer=" + PersonalLoginTest.VIEWER_ARN));
            assertEquals(403, problem.status());
            assertEquals("NoIdentity", problem.code());
            assertTrue(problem.message().contains("'" + claim + "'") && problem.message().contains("IDENTITY_CLAIM"),
                    problem.message());
        }
    }

    @Test
    void aTokenNotAdmittedIsToldWhichClaimsAreRequired() {
        Problem problem = of(new Failure.Refused(Reason.NOT_ADMITTED, "RequiredClaims"), config("REQUIRED_CLAIMS",
                "hd=example.com"));
        assertEquals(403, problem.status());
        assertEquals("NotAdmitted", problem.code());
        assertTrue(problem.message().contains("REQUIRED_CLAIMS: [hd]"), problem.message());
    }

    @Test
    void mwaasAccessDeniedNamesTheGrantOfTheFunctionOrOfThePerson() {
        Problem shared = of(new Failure.UpstreamFailed(Service.MWAA, Kind.ACCESS_DENIED, "AccessDeniedException",
                null), config());
        assertTrue(shared.message().contains("the function's execution role needs airflow:CreateWebLoginToken on "
                + "arn:aws:airflow:eu-west-1:123456789012:role/demo/Viewer."), shared.message());
        Problem personal = Problem.of(new Failure.UpstreamFailed(Service.MWAA, Kind.ACCESS_DENIED, "X", null),
                config(), Outcome.Facts.of(null, false).environment("demo").grant(new Grant.Personal("alice",
                        AirflowRole.Op, PersonalLoginTest.VIEWER_ARN, "alice")), Invocation.withoutContext());
        assertTrue(personal.message().contains("the IAM role for this Airflow role needs airflow:CreateWebLoginToken "
                + "on arn:aws:airflow:eu-west-1:{account-id}:role/demo/Op."), personal.message());
    }
}

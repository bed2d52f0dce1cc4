package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.samcli.GuidedSession;
import dev.mwaalogin.local.samcli.MotoServer;
import dev.mwaalogin.local.samcli.SamCli;
import dev.mwaalogin.local.samcli.SamProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first deploy, {@code sam build} then {@code sam deploy --guided}, by the real SAM CLI against a local
 * CloudFormation (moto, {@link MotoServer}), answered through a terminal like a new user answers it: a stack name, the
 * MWAA environment, the auth mode and what that mode cannot do without, and Enter for everything else. In each mode
 * it must reach the change set, show it, and ask to deploy it (answered "N": nothing is executed). No question may be
 * about container images, ECR or Docker, and the change set must hold what the mode needs and nothing it does not.
 */
class SamGuidedDeployIT {

    /** Anything about the container image deployment, which a zip deploy must never ask about. */
    static final Pattern IMAGE_TALK = Pattern.compile("(?i)\\becr\\b|image|docker|container|finch");

    private static MotoServer moto;

    @BeforeAll
    static void buildAndStartCloudFormation() throws Exception {
        SamProject.Built built = SamProject.built();
        assertEquals(0, built.result().exitCode(), built.result().output());
        moto = MotoServer.shared(SamProject.WORK.resolve("logs"));
    }

    /** A new user's answers: the stack, the environment, then the mode's own; Enter (the default) for the rest. */
    private static LinkedHashMap<String, String> newUser(String stack, Map<String, String> parameters) {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>();
        answers.put("^\\s*Stack Name \\[.*\\]: $", stack);
        parameters.forEach((name, value) -> answers.put("^\\s*Parameter " + name + " \\[.*\\]: $", value));
        answers.put("^\\s*Deploy this changeset\\? \\[y/N\\]: $", "N");
        // Everything else that waits for an answer gets Enter: its default.
        answers.put(": $", "");
        return answers;
    }

    private static GuidedSession guided(String stack, Map<String, String> parameters) throws Exception {
        Path workspace = SamProject.workspace(stack);
        GuidedSession session = GuidedSession.run(workspace, moto.environment("us-east-1"),
                newUser(stack, parameters), SamProject.WORK.resolve("logs/" + stack + "-guided.log"),
                "deploy", "--guided");
        assertNull(session.unanswered(), () -> "left waiting at a prompt no new user would expect:\n"
                + session.output());
        assertEquals(0, session.exitCode(), session.output());
        assertTrue(session.output().contains("Changeset created successfully"), session.output());
        assertEquals("Deploy this changeset? [y/N]:", session.prompts().get(session.prompts().size() - 1),
                "the last question is whether to deploy the change set it showed");
        List<String> imageQuestions = session.prompts().stream().filter(p -> IMAGE_TALK.matcher(p).find()).toList();
        assertEquals(List.of(), imageQuestions, "questions about images");
        assertFalse(IMAGE_TALK.matcher(session.output().replace("CloudFormation stack changeset", "")).find(),
                "the session talks about images:\n" + session.output());
        assertEquals(TemplateParametersIT.parameterOrder(TEMPLATE), session.prompts().stream()
                .filter(p -> p.startsWith("Parameter ")).map(p -> p.split(" ")[1]).toList(),
                "SAM CLI asks the parameters in the template's order");
        String saved = Files.readString(workspace.resolve("samconfig.toml"));
        assertTrue(saved.contains("stack_name = \"" + stack + "\""), saved);
        parameters.forEach((name, value) -> assertTrue(saved.contains(name + "=\\\"" + value + "\\\""),
                name + " saved for the next `sam deploy`: " + saved));
        return session;
    }

    private static Set<String> resources(GuidedSession session) {
        List<GuidedSession.Change> changes = session.changeSet();
        assertFalse(changes.isEmpty(), session.output());
        changes.forEach(change -> assertEquals("+ Add", change.operation(), change.toString()));
        return Set.copyOf(changes.stream().map(GuidedSession.Change::logicalId).toList());
    }

    private static void assertHolds(Set<String> resources, List<String> present, List<String> absent) {
        present.forEach(id -> assertTrue(resources.contains(id), id + " missing from " + resources));
        absent.forEach(id -> assertFalse(resources.contains(id), id + " should not be in " + resources));
    }

    /** What every mode deploys: the function with its alias, the HTTP API, the role, the two log groups. */
    private static final List<String> ALWAYS = List.of("LoginFunction", "LoginFunctionAliaslive", "HttpApi",
            "HttpApiApiGatewayDefaultStage", "LoginFunctionRole", "LoginFunctionLogs", "HttpApiAccessLogs",
            "LoginFunctionLoginPermission", "LoginFunctionLoginNamedEnvironmentPermission");
    /** Only with settings no new user gives: the REST API, a custom domain, alarms. */
    private static final List<String> NEVER_BY_DEFAULT = List.of("RestLoginFunction", "PrivateRestApi",
            "CustomDomain", "CustomDomainRecord", "ServerErrorsAlarm", "FunctionErrorsAlarm");
    private static final List<String> COGNITO = List.of("CognitoUserPool", "CognitoUserPoolDomain",
            "CognitoAppClient", "CognitoAdminGroup", "CognitoOpGroup", "CognitoUserGroup", "CognitoViewerGroup");
    private static final List<String> AIRFLOW_ROLES = List.of("AirflowAdminRole", "AirflowOpRole", "AirflowUserRole",
            "AirflowViewerRole");

    /**
     * AWS_IAM is the default, so the new user answers only the environment. The stack hands callers their policy,
     * and a plain {@code sam deploy} afterwards runs from the answers guided mode saved.
     */
    @Test
    void awsIamNeedsOnlyTheEnvironmentNameAndMakesTheCallersPolicy() throws Exception {
        GuidedSession session = guided("mwaa-login-iam", Map.of("MwaaEnvironmentName", "demo"));
        assertTrue(session.exchanges().contains(new GuidedSession.Exchange("Parameter AuthMode [AWS_IAM]:", "")),
                "AuthMode left at its default");
        Set<String> resources = resources(session);
        assertHolds(resources, concat(ALWAYS, List.of("LoginCallerPolicy")),
                concat(NEVER_BY_DEFAULT, COGNITO, AIRFLOW_ROLES, List.of("SignInSecret", "AirflowPublicRole")));

        Path workspace = SamProject.WORK.resolve("workspaces/mwaa-login-iam");
        SamCli.Result again = SamCli.run(workspace, moto.environment("us-east-1"), Duration.ofMinutes(5),
                SamProject.WORK.resolve("logs/mwaa-login-iam-again.log"), "deploy", "--no-execute-changeset");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("Changeset created successfully"), again.output());
        assertTrue(again.output().contains("MwaaEnvironmentName"), "the saved parameters: " + again.output());
    }

    /** COGNITO needs a domain prefix; the stack makes the user pool, its groups and an IAM role per group. */
    @Test
    void cognitoNeedsADomainPrefixAndMakesTheUserPoolAndTheSignInSecret() throws Exception {
        GuidedSession session = guided("mwaa-login-cognito", Map.of("MwaaEnvironmentName", "demo",
                "AuthMode", "COGNITO", "CognitoDomainPrefix", "acme-airflow"));
        assertHolds(resources(session), concat(ALWAYS, COGNITO, AIRFLOW_ROLES, List.of("SignInSecret",
                "LoginFunctionSignInCallbackPermission", "LoginFunctionSignOutPermission")),
                concat(NEVER_BY_DEFAULT, List.of("LoginCallerPolicy", "AirflowPublicRole")));
    }

    /** OIDC needs the provider's issuer and client id; the stack makes the sign-in secret and no user pool. */
    @Test
    void oidcNeedsTheProvidersIssuerAndClientIdAndMakesTheSignInSecret() throws Exception {
        GuidedSession session = guided("mwaa-login-oidc", Map.of("MwaaEnvironmentName", "demo", "AuthMode", "OIDC",
                "OidcIssuer", "https://acme.okta.com/oauth2/default", "OidcClientId", "0oa1b2c3d4"));
        assertHolds(resources(session), concat(ALWAYS, List.of("SignInSecret")),
                concat(NEVER_BY_DEFAULT, COGNITO, AIRFLOW_ROLES, List.of("LoginCallerPolicy")));
    }

    /**
     * The positive control of the image checks above: the same session on the container image's template and
     * configuration environment does talk about images (it sets up ECR repositories, which the image deployment needs,
     * and packages the image). Without Docker it stops where it needs the image.
     */
    @Test
    void theImageTemplateIsAskedAboutEcrAsTheDefaultOneNeverIs() throws Exception {
        Path workspace = SamProject.workspace("mwaa-login-image");
        LinkedHashMap<String, String> answers = newUser("mwaa-login-image", Map.of("MwaaEnvironmentName", "demo"));
        GuidedSession session = GuidedSession.run(workspace, moto.environment("us-east-1"), answers,
                SamProject.WORK.resolve("logs/mwaa-login-image-guided.log"), "deploy", "--guided", "--config-env",
                "image", "--template-file", "template-image.yaml");
        assertNull(session.unanswered(), session.output());
        assertTrue(IMAGE_TALK.matcher(session.output()).find(), session.output());
        assertTrue(session.output().contains("container runtime"), "stops where it needs Docker:\n"
                + session.output());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new java.util.ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}

package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.samcli.GuidedSession;
import dev.mwaalogin.local.samcli.MotoServer;
import dev.mwaalogin.local.samcli.ReadmeCommands;
import dev.mwaalogin.local.samcli.SamCli;
import dev.mwaalogin.local.samcli.SamProject;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.TemplateFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's deploy commands, read from README.md and run as written by the real SAM CLI against a local
 * CloudFormation (moto): each non-guided {@code sam deploy} with {@code --no-execute-changeset} added must reach its
 * change set, with the resources its AuthMode needs; {@code sam delete} as written removes the stack; the access log
 * command of "Operate it" reads a log group. The guided deploy and the build are SamGuidedDeployIT's and SamBuildIT's,
 * the image commands SamImageIT's: this test checks the README names exactly the commands those run.
 */
class ReadmeDeployIT {

    private static final Pattern AUTH_MODE = Pattern.compile("AuthMode=(\\w+)");
    /** Resources that come with some modes only, and those modes. */
    private static final Map<String, Set<String>> MODES_OF = Map.of("LoginCallerPolicy", Set.of("AWS_IAM"),
            "CognitoUserPool", Set.of("COGNITO"), "SignInSecret", Set.of("COGNITO", "OIDC"));

    private static List<String> deploy;
    private static MotoServer moto;

    @BeforeAll
    static void readTheReadme() throws Exception {
        deploy = ReadmeCommands.of("Deploy");
        SamProject.Built built = SamProject.built();
        assertEquals(0, built.result().exitCode(), built.result().output());
        moto = MotoServer.shared(SamProject.WORK.resolve("logs"));
    }

    private static List<String> nonGuidedDeploys() {
        return deploy.stream().filter(c -> c.startsWith("sam deploy ") && !c.contains("--guided")).toList();
    }

    @Test
    void theReadmeDeploysWithTheCommandsTheOtherSamCliTestsRun() {
        // SamProject.built() runs `sam build`, SamGuidedDeployIT `sam deploy --guided`, SamImageIT the image's.
        for (String command : List.of("sam build", "sam deploy --guided", "sam delete --stack-name mwaa-login",
                SamImageIT.BUILD, "sam deploy --guided --config-env image")) {
            assertTrue(deploy.contains(command), command + " is not in the README's Deploy: " + deploy);
        }
        assertEquals(List.of("sam build", "sam deploy --guided"), deploy.subList(0, 2), "the first deploy, first");
        assertEquals(3, nonGuidedDeploys().size(), nonGuidedDeploys()::toString);
        assertTrue(deploy.stream().filter(c -> c.startsWith("sam ")).allMatch(c -> c.startsWith("sam build")
                || c.startsWith("sam deploy") || c.startsWith("sam delete")), deploy::toString);
    }

    /** Each in its own Region of the local CloudFormation: they all deploy the stack `mwaa-login`. */
    @Test
    void eachNonGuidedDeployAsWrittenReachesItsChangeSet() throws Exception {
        List<String> regions = List.of("us-west-2", "eu-west-1", "eu-central-1");
        List<String> commands = nonGuidedDeploys();
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            Matcher mode = AUTH_MODE.matcher(command);
            String authMode = mode.find() ? mode.group(1) : "AWS_IAM";
            SamCli.Result result = bash(SamProject.workspace("readme-deploy-" + i), regions.get(i),
                    command + " --no-execute-changeset", "readme-deploy-" + i);
            assertEquals(0, result.exitCode(), command + "\n" + result.output());
            assertTrue(result.output().contains("Changeset created successfully"), result.output());
            Set<String> resources = Set.copyOf(GuidedSession.changeSet(result.output()).stream()
                    .map(GuidedSession.Change::logicalId).toList());
            assertTrue(resources.contains("LoginFunction"), resources::toString);
            MODES_OF.forEach((resource, modes) -> assertEquals(modes.contains(authMode),
                    resources.contains(resource), command + ": " + resource + " in " + resources));
        }
    }

    @Test
    void deleteAsWrittenRemovesTheStack() throws Exception {
        String region = "ap-northeast-1";
        Path workspace = SamProject.workspace("readme-delete");
        SamCli.Result deployed = bash(workspace, region, nonGuidedDeploys().get(0) + " --no-execute-changeset",
                "readme-delete-deploy");
        assertEquals(0, deployed.exitCode(), deployed.output());
        assertTrue(stacks(region).contains("mwaa-login"), "the positive control: the stack is there");

        String delete = deploy.stream().filter(c -> c.startsWith("sam delete")).findFirst().orElseThrow();
        LinkedHashMap<String, String> answers = new LinkedHashMap<>();
        answers.put("\\[y/N\\]: $", "y");
        GuidedSession session = GuidedSession.run(workspace, moto.environment(region), answers,
                SamProject.WORK.resolve("logs/readme-delete.log"), delete.substring("sam ".length()).split(" "));
        assertNull(session.unanswered(), session.output());
        assertEquals(0, session.exitCode(), session.output());
        assertTrue(session.prompts().stream().anyMatch(p -> p.contains("delete the stack mwaa-login")),
                session.prompts()::toString);
        assertFalse(stacks(region).contains("mwaa-login"), session.output());
    }

    /**
     * "Operate it": the function's logs by its logical id (SAM CLI follows the function's LoggingConfig to the group
     * the template names), the access logs by the group the {@code AccessLogGroupName} output names; the latter command
     * as written reads a line from such a group.
     */
    @Test
    void theLogCommandsNameWhatTheTemplateHasAndReadALogGroup() throws Exception {
        List<String> commands = ReadmeCommands.of("Operate it");
        assertTrue(commands.contains("sam logs --stack-name mwaa-login -n LoginFunction --tail"), commands::toString);
        ResolvedTemplate resolved = ResolvedTemplate.of(iamTranslation(), TemplateFixtures.IAM_MODE);
        assertEquals("<Ref LoginFunctionLogs>", resolved.resources().get("LoginFunction").path("Properties")
                .path("LoggingConfig").path("LogGroup").asText());
        String query = commands.stream().filter(c -> c.startsWith("ACCESS_LOGS=")).findFirst().orElseThrow();
        Matcher output = Pattern.compile("OutputKey=='(\\w+)'").matcher(query);
        assertTrue(output.find(), query);
        JsonNode outputs = resolved.template().path("Outputs");
        assertEquals("<Ref HttpApiAccessLogs>", outputs.path(output.group(1)).path("Value").asText());

        String read = commands.stream().filter(c -> c.startsWith("sam logs --cw-log-group")).findFirst()
                .orElseThrow();
        String region = "ap-southeast-1";
        String group = "/aws/apigateway/mwaa-login-http-api-51af3dc0";
        String line = "{\"requestId\":\"HnRk2hFmoAMEJdg=\",\"routeKey\":\"ANY /login\",\"status\":\"302\"}";
        SamCli.Result written = SamCli.runCommand(SamProject.WORK, moto.environment(region), Duration.ofMinutes(1),
                SamProject.WORK.resolve("logs/readme-logs-put.log"), List.of(SamCli.python().toString(), "-c",
                        "import boto3, sys, time\n"
                        + "logs = boto3.client('logs')\n"
                        + "logs.create_log_group(logGroupName=sys.argv[1])\n"
                        + "logs.create_log_stream(logGroupName=sys.argv[1], logStreamName='s')\n"
                        + "logs.put_log_events(logGroupName=sys.argv[1], logStreamName='s', logEvents=["
                        + "{'timestamp': int(time.time() * 1000), 'message': sys.argv[2]}])\n", group, line));
        assertEquals(0, written.exitCode(), written.output());
        SamCli.Result result = bash(SamProject.WORK, region, "ACCESS_LOGS='" + group + "'\n" + read, "readme-logs");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("HnRk2hFmoAMEJdg="), result.output());
    }

    private static SamCli.Result bash(Path dir, String region, String script, String log) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(moto.environment(region));
        environment.put("PATH", SamCli.require().getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        return SamCli.runCommand(dir, environment, Duration.ofMinutes(5), SamProject.WORK.resolve("logs/" + log
                + ".log"), List.of("bash", "-c", script));
    }

    /** The live stacks' names in that Region of the local CloudFormation. */
    private static Set<String> stacks(String region) throws Exception {
        SamCli.Result listed = SamCli.runCommand(SamProject.WORK, moto.environment(region), Duration.ofMinutes(1),
                SamProject.WORK.resolve("logs/stacks-" + region + ".log"), List.of(SamCli.python().toString(), "-c",
                        "import boto3\n"
                        + "for s in boto3.client('cloudformation').list_stacks()['StackSummaries']:\n"
                        + "    print(s['StackName'], s['StackStatus'])\n"));
        assertEquals(0, listed.exitCode(), listed.output());
        return Set.copyOf(listed.output().lines().filter(l -> !l.endsWith("DELETE_COMPLETE"))
                .map(l -> l.split(" ")[0]).toList());
    }
}

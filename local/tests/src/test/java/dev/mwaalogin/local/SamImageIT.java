package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.samcli.MotoServer;
import dev.mwaalogin.local.samcli.ReadmeCommands;
import dev.mwaalogin.local.samcli.SamCli;
import dev.mwaalogin.local.samcli.SamProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container image deployment ({@code --config-env image}, {@code template-image.yaml}) as far as the real SAM CLI
 * takes it without Docker: the README's build picks LoginFunction's Dockerfile and stops at the container runtime;
 * a deploy sets up its ECR repositories and packages the stack up to pushing the image, where it needs one; and a
 * deploy from the image environment never takes the zip build. (Validation is SamBuildIT's; the guided session,
 * which talks about images where the zip one must not, SamGuidedDeployIT's; the image's contents, AotImageIT's.)
 */
class SamImageIT {

    /** The README's image build command. */
    static final String BUILD = "sam build --config-env image";

    @Test
    void theReadmesImageBuildBuildsLoginFunctionFromTheDockerfile() throws Exception {
        assertTrue(ReadmeCommands.of("Deploy").contains(BUILD));
        Path dir = SamProject.copy(SamProject.WORK.resolve("image-build"));
        SamCli.Result build = SamCli.run(dir, Map.of(), Duration.ofMinutes(30),
                SamProject.WORK.resolve("logs/sam-build-image.log"), BUILD.substring("sam ".length()).split(" "));
        assertTrue(build.output().contains("Building image for LoginFunction function"), build.output());
        if (build.exitCode() == 0) {
            // A machine with Docker: the image was built, into the image environment's own build folder.
            String built = Files.readString(dir.resolve(".aws-sam/build-image/template.yaml"));
            assertTrue(built.contains("ImageUri: loginfunction:java25-aot"), built);
        } else {
            assertTrue(build.output().contains("requires a container runtime"), build.output());
            assertFalse(Files.exists(dir.resolve(".aws-sam/build/template.yaml")), "nothing in the zip build folder");
        }
    }

    @Test
    void anImageDeploySetsUpEcrAndPackagesUpToPushingTheImage() throws Exception {
        MotoServer moto = MotoServer.shared(SamProject.WORK.resolve("logs"));
        Path dir = SamProject.workspace("image-deploy");
        SamCli.Result deploy = SamCli.run(dir, moto.environment("eu-north-1"), Duration.ofMinutes(5),
                SamProject.WORK.resolve("logs/sam-deploy-image.log"), "deploy", "--config-env", "image",
                "--template-file", "template-image.yaml", "--parameter-overrides", "MwaaEnvironmentName=demo",
                "--no-execute-changeset");
        assertEquals(1, deploy.exitCode(), deploy.output());
        assertTrue(deploy.output().contains("Unable to upload artifact loginfunction:java25-aot referenced by "
                + "ImageUri parameter of LoginFunction resource"), deploy.output());
        assertTrue(deploy.output().contains("requires a container runtime"), deploy.output());
        SamCli.Result stacks = SamCli.runCommand(dir, moto.environment("eu-north-1"), Duration.ofMinutes(1),
                SamProject.WORK.resolve("logs/image-stacks.log"), List.of(SamCli.python().toString(), "-c",
                        "import boto3\n"
                        + "for s in boto3.client('cloudformation').describe_stacks()['Stacks']:\n"
                        + "    print(s['StackName'])\n"
                        + "for r in boto3.client('ecr').describe_repositories()['repositories']:\n"
                        + "    print(r['repositoryName'])\n"));
        assertEquals(0, stacks.exitCode(), stacks.output());
        assertTrue(stacks.output().lines().anyMatch(line -> line.endsWith("CompanionStack")),
                "SAM's ECR companion stack: " + stacks.output());
        assertTrue(stacks.output().lines().anyMatch(line -> line.contains("loginfunction")),
                "an ECR repository for LoginFunction: " + stacks.output());
    }

    /** Deploying from the image environment without an image build fails plainly; it never deploys the zip build. */
    @Test
    void theImageEnvironmentDeploysOnlyAnImageBuild() throws Exception {
        MotoServer moto = MotoServer.shared(SamProject.WORK.resolve("logs"));
        Path dir = SamProject.workspace("image-without-build");
        assertTrue(Files.exists(dir.resolve(".aws-sam/build/template.yaml")), "the zip build is there");
        SamCli.Result deploy = SamCli.run(dir, moto.environment("eu-north-1"), Duration.ofMinutes(5),
                SamProject.WORK.resolve("logs/sam-deploy-image-unbuilt.log"), "deploy", "--config-env", "image",
                "--parameter-overrides", "MwaaEnvironmentName=demo", "--no-execute-changeset");
        assertFalse(deploy.exitCode() == 0, deploy.output());
        assertTrue(deploy.output().contains(".aws-sam/build-image/template.yaml"), deploy.output());
        assertFalse(deploy.output().contains("Changeset created"), deploy.output());
    }
}

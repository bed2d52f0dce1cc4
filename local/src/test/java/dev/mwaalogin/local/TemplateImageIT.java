package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.IMAGE_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.IMAGE_TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.ROOT;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.expectedArns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.template.LoggingChecks;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import dev.mwaalogin.local.template.SamTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DeploymentType=image}: the top-level stack then serves the same routes with the same role, checks and
 * grants from the nested image stack's function ({@code function/image/template.yaml}), which is the zip function as
 * a container image, grants nothing of its own, and is built by {@code sam build} only when it is deployed.
 */
class TemplateImageIT {

    private static JsonNode imageTranslation;

    @BeforeAll
    static void translate() throws Exception {
        imageTranslation = SamTranslator.translate(TEMPLATE, IMAGE_MODE);
    }

    @Test
    void theImageDeploymentServesTheSameRoutesFromTheImageFunctionsAliasWithTheSameRole() {
        ResolvedTemplate image = ResolvedTemplate.of(imageTranslation, IMAGE_MODE);
        ResolvedTemplate zip = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        assertEquals(Map.of(), image.ofType("AWS::Lambda::Function"), "no zip function beside the image");
        assertEquals(Set.of("LoginImage"), image.ofType("AWS::CloudFormation::Stack").keySet());
        assertFalse(zip.resources().containsKey("LoginImage"), "no image stack for DeploymentType=zip");
        assertEquals(List.of(), RouteChecks.routes(image, "AWS_IAM"));
        assertEquals(List.of(), PolicyChecks.policy(image, expectedArns("Viewer", "demo", "analytics", "reporting")));
        assertEquals(List.of(), LoggingChecks.logging(image));

        String alias = "<GetAtt LoginImage.Outputs.AliasArn>";
        List<String> uris = new ArrayList<>();
        image.resources().values().forEach(resource -> resource.findValues("x-amazon-apigateway-integration")
                .forEach(integration -> uris.add(integration.path("uri").asText())));
        assertEquals(List.of("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + alias
                + "/invocations"), uris.stream().distinct().toList());
        assertEquals(4, uris.size());
        // The same grants API Gateway has on the zip function's alias, on the image function's.
        assertEquals(sourceArns(zip), sourceArns(image));
        image.ofType("AWS::Lambda::Permission").values().forEach(permission ->
                assertEquals(alias, permission.path("Properties").path("FunctionName").asText()));
        assertEquals("<GetAtt LoginImage.Outputs.FunctionName>",
                image.template().path("Outputs").path("LoginFunctionName").path("Value").asText());
    }

    @Test
    void theImageFunctionIsTheZipFunctionAsAContainerImageBuiltOnlyForDeploymentTypeImage() throws Exception {
        JsonNode zipFunction = ResolvedTemplate.of(iamTranslation(), IAM_MODE).resources().get("LoginFunction")
                .path("Properties");
        Map<String, String> passed = new LinkedHashMap<>();
        ResolvedTemplate.of(imageTranslation, IMAGE_MODE).resources().get("LoginImage").path("Properties")
                .path("Parameters").fields()
                .forEachRemaining(entry -> passed.put(entry.getKey(), entry.getValue().asText()));
        JsonNode translated = SamTranslator.translate(IMAGE_TEMPLATE, passed);
        ResolvedTemplate nested = ResolvedTemplate.of(translated, passed);
        JsonNode function = nested.single("AWS::Lambda::Function").path("Properties");
        assertEquals("Image", function.path("PackageType").asText());
        for (String absent : List.of("Runtime", "Handler", "Layers", "SnapStart")) {
            assertFalse(function.has(absent), absent);
        }
        assertFalse(function.path("Code").path("ImageUri").asText().isEmpty());
        for (String same : List.of("Role", "Environment", "MemorySize", "Timeout", "Architectures", "LoggingConfig")) {
            assertEquals(zipFunction.path(same), function.path(same), same + " as the zip function's");
        }
        assertEquals(List.of(), nested.resources().values().stream().map(r -> r.path("Type").asText())
                .filter(type -> type.startsWith("AWS::IAM::")).toList(), "the image stack grants nothing");
        assertEquals("live", nested.single("AWS::Lambda::Alias").path("Properties").path("Name").asText());
        String description = SamTranslator.versionOf(translated, nested.ofType("AWS::Lambda::Function").keySet()
                .iterator().next()).path("Properties").path("Description").path("Fn::Sub").asText();
        for (String parameter : List.of("MwaaEnvironmentName", "AllowedEnvironments", "AirflowRole", "DefaultResponse",
                "MwaaTimeoutMs", "AirflowBaseUrl", "AirflowLoginPath")) {
            assertTrue(description.contains("${" + parameter + "}"), "VersionDescription covers " + parameter);
        }

        // What `sam build` reads (it evaluates no Condition): the Dockerfile, and SkipBuild unless DeploymentType
        // is image.
        JsonNode metadata = nested.resources().values().stream().filter(r -> r.has("Metadata")).findFirst()
                .orElseThrow().path("Metadata");
        Path context = IMAGE_TEMPLATE.getParent().resolve(metadata.path("DockerContext").asText()).normalize();
        assertEquals(ROOT.resolve("function"), context);
        assertTrue(Files.isRegularFile(context.resolve(metadata.path("Dockerfile").asText())));
        assertFalse(metadata.path("SkipBuild").asBoolean(true));
        passed.put("DeploymentType", "zip");
        JsonNode zipMetadata = ResolvedTemplate.of(translated, passed).resources().values().stream()
                .filter(r -> r.has("Metadata")).findFirst().orElseThrow().path("Metadata");
        assertTrue(zipMetadata.path("SkipBuild").asBoolean(false), "no image build, so no Docker, for zip");
    }

    /** Which API Gateway sources may invoke the function, whatever function that is. */
    private static List<String> sourceArns(ResolvedTemplate resolved) {
        return resolved.ofType("AWS::Lambda::Permission").values().stream()
                .map(permission -> permission.path("Properties").path("SourceArn").asText()).sorted().toList();
    }
}

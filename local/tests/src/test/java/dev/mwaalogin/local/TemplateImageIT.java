package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.IMAGE_TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.ROOT;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.expectedArns;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.local.template.LoggingChecks;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import dev.mwaalogin.local.template.SamTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image deployment is its own root template, {@code template-image.yaml}, so that SAM CLI (which
 * evaluates no Condition: {@code sam deploy --guided}, {@code --resolve-image-repos}, {@code sam package}) meets an
 * image function only when the image was chosen ({@code --config-env image}). It is {@code template.yaml} with
 * LoginFunction as a container image: the same text outside the two files' {@code # == <name>:} blocks, kept in step
 * by {@code local/sync-image-template}, and, translated, the same stack but for LoginFunction's package.
 */
class TemplateImageIT {

    /** The first line of a block each file has its own version of, and the block's last line. */
    private static final Pattern BLOCK_START = Pattern.compile("^\\s*# == ([a-z-]+):.*$");
    private static final Pattern BLOCK_END = Pattern.compile("^\\s*# == end\\s*$");
    /** SAM names a function's version after a hash of its properties, which differ. */
    private static final Pattern VERSION_ID = Pattern.compile("LoginFunctionVersion[0-9a-f]+");

    private static JsonNode imageTranslation;

    @TempDir
    Path scratch;

    @BeforeAll
    static void translate() throws Exception {
        imageTranslation = SamTranslator.translate(IMAGE_TEMPLATE, IAM_MODE);
    }

    @Test
    void theDefaultTemplateHasNoImageFunctionAndNoNestedStackForSamCliToFind() throws IOException {
        String zip = Files.readString(TEMPLATE);
        for (String absent : List.of("PackageType", "ImageUri", "Dockerfile", "AWS::Serverless::Application",
                "AWS::CloudFormation::Stack", "DeploymentType")) {
            assertFalse(zip.contains(absent), "template.yaml mentions " + absent);
        }
        // The positive control: the same search finds the image in the image template.
        String image = Files.readString(IMAGE_TEMPLATE);
        assertTrue(image.contains("PackageType: Image") && image.contains("Dockerfile: Dockerfile"));
    }

    @Test
    void theTwoTemplatesAreTheSameOutsideTheirOwnBlocks() throws IOException {
        List<String> zip = Files.readAllLines(TEMPLATE);
        List<String> image = Files.readAllLines(IMAGE_TEMPLATE);
        assertEquals(List.of("about", "package"), blockNames(zip));
        assertEquals(blockNames(zip), blockNames(image));
        assertEquals(outsideBlocks(zip), outsideBlocks(image),
                "template-image.yaml is not template.yaml's copy: run local/sync-image-template");
        assertNotEquals(zip, image);
    }

    /**
     * The script writes exactly the committed copy, and carries an edit of template.yaml over while keeping the
     * copy's own blocks; the comparison above sees the edit until then (its positive control).
     */
    @Test
    void syncImageTemplateCarriesAnEditOfTemplateYamlIntoTheCopy() throws Exception {
        Path root = scratch.resolve("project");
        Files.createDirectories(root.resolve("local"));
        Files.copy(ROOT.resolve("local/sync-image-template"), root.resolve("local/sync-image-template"));
        Files.copy(TEMPLATE, root.resolve("template.yaml"));
        Files.copy(IMAGE_TEMPLATE, root.resolve("template-image.yaml"));
        assertEquals(0, sync(root));
        assertEquals(Files.readString(IMAGE_TEMPLATE), Files.readString(root.resolve("template-image.yaml")));

        String edited = Files.readString(TEMPLATE).replace("    Default: openid email profile\n",
                "    Default: openid email profile groups\n");
        assertNotEquals(Files.readString(TEMPLATE), edited, "the edit applies");
        Files.writeString(root.resolve("template.yaml"), edited);
        assertNotEquals(outsideBlocks(List.of(edited.split("\n"))), outsideBlocks(Files.readAllLines(IMAGE_TEMPLATE)),
                "the comparison sees an edit made to one file only");
        assertEquals(0, sync(root));
        List<String> synced = Files.readAllLines(root.resolve("template-image.yaml"));
        assertEquals(outsideBlocks(List.of(edited.split("\n"))), outsideBlocks(synced));
        assertEquals(blocks(Files.readAllLines(IMAGE_TEMPLATE)), blocks(synced), "the copy keeps its own blocks");
    }

    @Test
    void translatedTheImageStackIsTheZipStackButForLoginFunctionsPackage() {
        ResolvedTemplate zip = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        ResolvedTemplate image = ResolvedTemplate.of(imageTranslation, IAM_MODE);
        Map<String, String> zipResources = comparable(zip);
        Map<String, String> imageResources = comparable(image);
        assertEquals(zipResources.keySet(), imageResources.keySet());
        zipResources.forEach((id, resource) -> {
            if (!id.equals("LoginFunction")) {
                assertEquals(resource, imageResources.get(id), id + " differs between the two stacks");
            }
        });
        assertEquals(List.of(), RouteChecks.routes(image, "AWS_IAM"));
        assertEquals(List.of(), PolicyChecks.policy(image, expectedArns("Viewer", "demo", "analytics", "reporting")));
        assertEquals(List.of(), LoggingChecks.logging(image));
        assertEquals(normalised(zip.template().path("Outputs")), normalised(image.template().path("Outputs")));
    }

    @Test
    void theImageFunctionIsTheZipFunctionAsAContainerImageBuiltFromTheDockerfile() {
        JsonNode zipFunction = ResolvedTemplate.of(iamTranslation(), IAM_MODE).resources().get("LoginFunction");
        JsonNode imageFunction = ResolvedTemplate.of(imageTranslation, IAM_MODE).resources().get("LoginFunction");
        JsonNode properties = imageFunction.path("Properties");
        assertEquals("Image", properties.path("PackageType").asText());
        assertEquals("loginfunction:java25-aot", properties.path("Code").path("ImageUri").asText(),
                "the tag `sam build` gives the image it builds");
        for (String absent : List.of("Runtime", "Handler", "Layers", "SnapStart")) {
            assertFalse(properties.has(absent), absent);
        }
        ObjectNode zipRest = ((ObjectNode) zipFunction.path("Properties").deepCopy());
        zipRest.remove(List.of("Code", "Runtime", "Handler", "SnapStart"));
        ObjectNode imageRest = ((ObjectNode) properties.deepCopy());
        imageRest.remove(List.of("Code", "PackageType"));
        assertEquals(zipRest, imageRest, "role, memory, timeout, environment, logging: as the zip function's");

        // What `sam build --config-env image` reads: the Dockerfile in function/, the image's build context.
        JsonNode metadata = imageFunction.path("Metadata");
        Path context = IMAGE_TEMPLATE.getParent().resolve(metadata.path("DockerContext").asText()).normalize();
        assertEquals(ROOT.resolve("function"), context);
        assertTrue(Files.isRegularFile(context.resolve(metadata.path("Dockerfile").asText())));
        assertFalse(metadata.has("SkipBuild"));
    }

    private static int sync(Path root) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", root.resolve("local/sync-image-template").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "local/sync-image-template finished");
        return process.exitValue();
    }

    private static List<String> blockNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher start = BLOCK_START.matcher(line);
            if (start.matches()) {
                names.add(start.group(1));
            }
        }
        return names;
    }

    /** The lines outside every block, each block left as a marker of its name. */
    private static List<String> outsideBlocks(List<String> lines) {
        List<String> outside = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            Matcher start = BLOCK_START.matcher(line);
            if (start.matches()) {
                outside.add("<block " + start.group(1) + ">");
                inside = true;
            } else if (inside && BLOCK_END.matcher(line).matches()) {
                inside = false;
            } else if (!inside) {
                outside.add(line);
            }
        }
        assertFalse(inside, "a block without its \"# == end\"");
        return outside;
    }

    /** Each block's lines, by name. */
    private static Map<String, List<String>> blocks(List<String> lines) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines) {
            Matcher start = BLOCK_START.matcher(line);
            if (start.matches()) {
                current = new ArrayList<>();
                blocks.put(start.group(1), current);
            }
            if (current != null) {
                current.add(line);
                if (BLOCK_END.matcher(line).matches()) {
                    current = null;
                }
            }
        }
        return blocks;
    }

    /** Each resource as text, with LoginFunction's version under one name, and the function without its package. */
    private static Map<String, String> comparable(ResolvedTemplate resolved) {
        Map<String, String> resources = new TreeMap<>();
        resolved.resources().forEach((id, resource) -> resources.put(VERSION_ID.matcher(id).replaceAll(
                "LoginFunctionVersion"), normalised(resource)));
        return resources;
    }

    private static String normalised(JsonNode node) {
        return VERSION_ID.matcher(node.toString()).replaceAll("LoginFunctionVersion");
    }
}

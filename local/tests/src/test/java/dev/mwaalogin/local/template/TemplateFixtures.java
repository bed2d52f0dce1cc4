package dev.mwaalogin.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the template tests share: where {@code template.yaml} is, the stack the resolved templates pretend to be in
 * (account, region, stack id), and the parameter sets most of them translate. The ARNs a check expects are built
 * from the same account and region, so a resolved template and its expectations cannot drift apart.
 */
public final class TemplateFixtures {

    public static final Path ROOT = projectRoot();
    public static final Path TEMPLATE = ROOT.resolve("template.yaml");
    /** The container image deployment: {@link #TEMPLATE} with LoginFunction as an image. */
    public static final Path IMAGE_TEMPLATE = ROOT.resolve("template-image.yaml");

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    /** The stack id's UUID in resolved templates; its first group names the per-Airflow-role IAM roles. */
    public static final String STACK_UUID = "51af3dc0-da77-11e4-872e-1234567db123";
    public static final String VPCE = "vpce-0123456789abcdef0";
    public static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";

    /** The default: IAM auth, two allow-listed environments, no REST API. */
    public static final Map<String, String> IAM_MODE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "analytics,reporting");

    /** JWT auth, an empty allow-list, another Airflow role, and the private REST API. */
    public static final Map<String, String> JWT_MODE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "",
            "AirflowRole", "User",
            "AuthMode", "JWT",
            "JwtIssuer", ISSUER,
            "JwtAudience", "app-client-1,app-client-2",
            "PrivateRestApiVpcEndpointId", VPCE);

    private TemplateFixtures() {
    }

    /** {@link #TEMPLATE} as the SAM translator turns it out for {@link #IAM_MODE}; translated once per JVM. */
    public static JsonNode iamTranslation() {
        return translation(IAM_MODE);
    }

    /** {@link #TEMPLATE} as the SAM translator turns it out for {@link #JWT_MODE}; translated once per JVM. */
    public static JsonNode jwtTranslation() {
        return translation(JWT_MODE);
    }

    private static JsonNode translation(Map<String, String> parameters) {
        try {
            return SamTranslator.translate(TEMPLATE, parameters);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the SAM translator could not run", e);
        }
    }

    /** The CreateWebLoginToken ARNs of {@code role} in each environment, in this stack's account and region. */
    public static Set<String> expectedArns(String role, String... environments) {
        Set<String> arns = new LinkedHashSet<>();
        for (String environment : environments) {
            arns.add("arn:aws:airflow:" + REGION + ":" + ACCOUNT + ":role/" + environment + "/" + role);
        }
        return arns;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("function"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}

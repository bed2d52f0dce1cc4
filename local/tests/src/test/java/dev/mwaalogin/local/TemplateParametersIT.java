package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IMAGE_TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The questions a first deploy asks. {@code sam deploy --guided} asks every parameter in the order of the template's
 * {@code Parameters}; the console shows the {@code AWS::CloudFormation::Interface} groups and labels. Both orders are
 * the same, every parameter has a group and a label, the few that every deployment answers come first, and every
 * other one has a default that deploys (SamGuidedDeployIT answers them all with Enter).
 */
class TemplateParametersIT {

    private static final Pattern PARAMETER = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    /** What a new user is asked before the optional groups start: where, who, as what. */
    private static final List<String> FIRST_QUESTIONS = List.of("MwaaEnvironmentName", "AllowedEnvironments",
            "AuthMode", "CognitoDomainPrefix", "OidcIssuer", "OidcClientId", "OidcClientSecretArn", "JwtIssuer",
            "JwtAudience", "RoleMapping", "AirflowRole");

    /** The parameters in the order they are written, which is the order SAM CLI asks them in. */
    static List<String> parameterOrder(Path template) throws IOException {
        List<String> names = new ArrayList<>();
        boolean inParameters = false;
        for (String line : Files.readAllLines(template)) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                inParameters = line.equals("Parameters:");
                continue;
            }
            Matcher parameter = PARAMETER.matcher(line);
            if (inParameters && parameter.matches()) {
                names.add(parameter.group(1));
            }
        }
        return names;
    }

    @Test
    void theGroupsListEveryParameterOnceInTheOrderSamCliAsksThem() throws IOException {
        JsonNode interfaceMetadata = iamTranslation().path("Metadata").path("AWS::CloudFormation::Interface");
        List<String> grouped = new ArrayList<>();
        List<String> groupLabels = new ArrayList<>();
        interfaceMetadata.path("ParameterGroups").forEach(group -> {
            groupLabels.add(group.path("Label").path("default").asText());
            group.path("Parameters").forEach(name -> grouped.add(name.asText()));
        });
        List<String> declared = parameterOrder(TEMPLATE);
        assertEquals(declared.size(), new HashSet<>(declared).size(), "no parameter twice");
        assertEquals(declared, grouped, "the console's groups, in order, are the template's Parameters order");
        assertEquals(Set.copyOf(declared), Set.copyOf(iterable(iamTranslation().path("Parameters").fieldNames())));
        assertTrue(groupLabels.stream().noneMatch(String::isBlank));
        for (String name : declared) {
            String label = interfaceMetadata.path("ParameterLabels").path(name).path("default").asText();
            assertFalse(label.isBlank(), name + " has a label");
        }
        assertEquals(declared, parameterOrder(IMAGE_TEMPLATE), "the image template asks the same");
    }

    @Test
    void theQuestionsThatMatterComeFirstAndEveryOtherOneHasADefault() throws IOException {
        List<String> declared = parameterOrder(TEMPLATE);
        assertEquals(FIRST_QUESTIONS, declared.subList(0, FIRST_QUESTIONS.size()));
        JsonNode parameters = iamTranslation().path("Parameters");
        List<String> withoutDefault = new ArrayList<>();
        declared.forEach(name -> {
            if (!parameters.path(name).has("Default")) {
                withoutDefault.add(name);
            }
        });
        assertEquals(List.of("MwaaEnvironmentName"), withoutDefault, "the one answer every deployment must give");
        assertEquals("AWS_IAM", parameters.path("AuthMode").path("Default").asText());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }
}

package dev.mwaalogin.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A translated template as CloudFormation would deploy it for given parameter values: only the resources and
 * outputs whose conditions hold, with every intrinsic function worked out ({@link Intrinsics}). One translation
 * ({@link SamTranslator}) can be resolved for many parameter sets, as long as the translation itself does not depend
 * on the values that differ.
 *
 * @param template  the resolved template; only its {@code Outputs} are filled in
 * @param resources the resources the stack would create, by logical id
 */
public record ResolvedTemplate(JsonNode template, Map<String, JsonNode> resources) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Each parameter's value: the override, else its default; a {@code CommaDelimitedList} as a list.
     *
     * @throws IllegalArgumentException when a parameter has no value, or an override names no parameter
     */
    public static Map<String, JsonNode> parameters(JsonNode template, Map<String, String> overrides) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        template.path("Parameters").properties().forEach(entry -> {
            JsonNode declaration = entry.getValue();
            String value = overrides.containsKey(entry.getKey()) ? overrides.get(entry.getKey())
                    : declaration.has("Default") ? declaration.path("Default").asText() : null;
            if (value == null) {
                throw new IllegalArgumentException("no value for parameter " + entry.getKey());
            }
            if (declaration.path("Type").asText().equals("CommaDelimitedList")) {
                ArrayNode list = NODES.arrayNode();
                for (String item : value.split(",", -1)) {
                    list.add(item);
                }
                parameters.put(entry.getKey(), list);
            } else {
                parameters.put(entry.getKey(), TextNode.valueOf(value));
            }
        });
        overrides.keySet().forEach(name -> {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("template has no parameter " + name);
            }
        });
        return parameters;
    }

    /**
     * Resolves a translation; parameters not in {@code overrides} take their defaults.
     *
     * @throws IllegalArgumentException when a parameter has no value, or an override names no parameter
     */
    public static ResolvedTemplate of(JsonNode translated, Map<String, String> overrides) {
        return of(translated, overrides, TemplateFixtures.STACK_UUID);
    }

    /**
     * The same in the stack whose id ends in {@code stackUuid}: the stack {@code mwaa-login} deleted and deployed
     * again gets a new id.
     */
    public static ResolvedTemplate of(JsonNode translated, Map<String, String> overrides, String stackUuid) {
        Map<String, JsonNode> parameters = parameters(translated, overrides);
        Intrinsics intrinsics = new Intrinsics(translated, parameters, stackUuid);
        Map<String, JsonNode> resources = new TreeMap<>();
        translated.path("Resources").properties().forEach(entry -> {
            JsonNode condition = entry.getValue().path("Condition");
            if (condition.isMissingNode() || intrinsics.condition(condition.asText())) {
                resources.put(entry.getKey(), intrinsics.resolve(entry.getValue()));
            }
        });
        ObjectNode template = NODES.objectNode();
        ObjectNode outputs = template.putObject("Outputs");
        translated.path("Outputs").properties().forEach(entry -> {
            JsonNode condition = entry.getValue().path("Condition");
            if (condition.isMissingNode() || intrinsics.condition(condition.asText())) {
                outputs.set(entry.getKey(), intrinsics.resolve(entry.getValue()));
            }
        });
        return new ResolvedTemplate(template, resources);
    }

    /** The resources of one type, by logical id. */
    public Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new TreeMap<>();
        resources.forEach((id, resource) -> {
            if (resource.path("Type").asText().equals(type)) {
                found.put(id, resource);
            }
        });
        return found;
    }

    /** The one resource of this type; fails the test if there is none or more than one. */
    public JsonNode single(String type) {
        Map<String, JsonNode> found = ofType(type);
        assertEquals(1, found.size(), () -> "one " + type + ": " + found.keySet());
        return found.values().iterator().next();
    }

    /** The resolved description of the (first) function version: what makes a changed setting publish anew. */
    public String versionDescription() {
        return ofType("AWS::Lambda::Version").values().iterator().next().path("Properties").path("Description")
                .asText();
    }

    /**
     * The texts of a property CloudFormation takes as a string or a list of them (an IAM Action or Resource, a list
     * of URLs): none for a missing or null node.
     */
    public static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(node.asText());
        }
        return texts;
    }
}

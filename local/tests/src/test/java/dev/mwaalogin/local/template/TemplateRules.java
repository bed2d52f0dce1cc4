package dev.mwaalogin.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The template's {@code Rules} as CloudFormation evaluates them before it creates or changes anything, for given
 * parameter values: each rule whose {@code RuleCondition} holds (or that has none) must have every {@code Assert}
 * true. Only CloudFormation's rule functions exist here ({@code Fn::And}, {@code Fn::Or}, {@code Fn::Not},
 * {@code Fn::Equals}, {@code Fn::Contains}, {@code Fn::EachMemberEquals}, {@code Fn::EachMemberIn}) and {@code Ref}
 * to a parameter; anything else is an error, as CloudFormation would refuse the template: the rules cannot use the
 * functions of {@code Conditions} (no {@code Fn::Split}, no {@code Condition}).
 *
 * <p>Neither the SAM CLI nor moto evaluates Rules, and there is no AWS account here, so this is the project's own
 * reading of the documented semantics; the tests that use it also prove it refuses and admits what it should on the
 * template's older rules.
 */
public final class TemplateRules {

    private TemplateRules() {
    }

    /**
     * The descriptions of the assertions that fail for these parameters; parameters not named take their defaults.
     *
     * @param template a template as JSON (the SAM translator's output keeps the Rules section as written)
     */
    public static List<String> failures(JsonNode template, Map<String, String> overrides) {
        Map<String, JsonNode> parameters = ResolvedTemplate.parameters(template, overrides);
        List<String> failed = new ArrayList<>();
        template.path("Rules").properties().forEach(rule -> {
            JsonNode condition = rule.getValue().get("RuleCondition");
            if (condition != null && !truth(condition, parameters)) {
                return;
            }
            for (JsonNode assertion : rule.getValue().path("Assertions")) {
                if (!truth(assertion.path("Assert"), parameters)) {
                    failed.add(rule.getKey() + ": " + assertion.path("AssertDescription").asText());
                }
            }
        });
        return failed;
    }

    private static boolean truth(JsonNode function, Map<String, JsonNode> parameters) {
        if (!function.isObject() || function.size() != 1) {
            throw new IllegalArgumentException("not a rule function: " + function);
        }
        String name = function.fieldNames().next();
        JsonNode arguments = function.get(name);
        return switch (name) {
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode condition : list(arguments, 2, 10)) {
                    all &= truth(condition, parameters);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode condition : list(arguments, 2, 10)) {
                    any |= truth(condition, parameters);
                }
                yield any;
            }
            case "Fn::Not" -> !truth(list(arguments, 1, 1).get(0), parameters);
            case "Fn::Equals" -> {
                List<JsonNode> pair = list(arguments, 2, 2);
                yield value(pair.get(0), parameters).equals(value(pair.get(1), parameters));
            }
            case "Fn::Contains" -> {
                List<JsonNode> pair = list(arguments, 2, 2);
                yield strings(value(pair.get(0), parameters), parameters).contains(text(value(pair.get(1),
                        parameters)));
            }
            case "Fn::EachMemberEquals" -> {
                List<JsonNode> pair = list(arguments, 2, 2);
                String expected = text(value(pair.get(1), parameters));
                yield strings(value(pair.get(0), parameters), parameters).stream().allMatch(expected::equals);
            }
            case "Fn::EachMemberIn" -> {
                List<JsonNode> pair = list(arguments, 2, 2);
                List<String> allowed = strings(value(pair.get(1), parameters), parameters);
                yield allowed.containsAll(strings(value(pair.get(0), parameters), parameters));
            }
            default -> throw new IllegalArgumentException(name + " is not a rule function CloudFormation evaluates");
        };
    }

    /**
     * A literal, a list of literals, a parameter's value, or an {@code Fn::Join} of them (the template's older JWT rule
     * joins a list parameter, as Conditions may; CloudFormation's list of rule functions does not name it, so no new
     * rule relies on it).
     */
    private static JsonNode value(JsonNode node, Map<String, JsonNode> parameters) {
        if (node.isObject() && node.size() == 1 && node.has("Fn::Join")) {
            List<JsonNode> join = list(node.get("Fn::Join"), 2, 2);
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(String.join(text(join.get(0)),
                    strings(value(join.get(1), parameters), parameters)));
        }
        if (node.isObject() && node.size() == 1 && node.has("Ref")) {
            JsonNode value = parameters.get(node.get("Ref").asText());
            if (value == null) {
                throw new IllegalArgumentException("Ref to no parameter: " + node);
            }
            return value;
        }
        if (node.isObject()) {
            throw new IllegalArgumentException("not a value in a rule: " + node);
        }
        return node;
    }

    private static String text(JsonNode value) {
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("not a string: " + value);
        }
        return value.asText();
    }

    /** A list: its items literals or parameters. */
    private static List<String> strings(JsonNode list, Map<String, JsonNode> parameters) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("not a list: " + list);
        }
        List<String> strings = new ArrayList<>();
        list.forEach(item -> strings.add(text(value(item, parameters))));
        return strings;
    }

    private static List<JsonNode> list(JsonNode arguments, int min, int max) {
        List<JsonNode> items = new ArrayList<>();
        arguments.forEach(items::add);
        if (!arguments.isArray() || items.size() < min || items.size() > max) {
            throw new IllegalArgumentException("takes " + min + " to " + max + " arguments: " + arguments);
        }
        return items;
    }
}

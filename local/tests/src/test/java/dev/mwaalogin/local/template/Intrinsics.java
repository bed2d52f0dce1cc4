package dev.mwaalogin.local.template;

import static dev.mwaalogin.local.template.TemplateFixtures.ACCOUNT;
import static dev.mwaalogin.local.template.TemplateFixtures.REGION;
import static dev.mwaalogin.local.template.TemplateFixtures.STACK_UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's conditions and intrinsic functions over a translated template, for given parameter values, in
 * the stack {@link TemplateFixtures} describes. References to resources resolve to placeholders ({@code <Ref Id>},
 * {@code <GetAtt Id.Attr>}), which the checks match on; {@code Fn::Select} out of range fails, as it does in a stack;
 * a function this class does not know fails rather than pass through unresolved.
 */
final class Intrinsics {

    private static Map<String, String> pseudo(String stackUuid) {
        return Map.of("AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", "mwaa-login",
                "AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/mwaa-login/" + stackUuid);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final JsonNode template;
    private final Map<String, JsonNode> parameters;
    private final Map<String, String> pseudo;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    Intrinsics(JsonNode template, Map<String, JsonNode> parameters) {
        this(template, parameters, STACK_UUID);
    }

    /** In the stack of that id (the stack's name stays {@code mwaa-login}). */
    Intrinsics(JsonNode template, Map<String, JsonNode> parameters, String stackUuid) {
        this.template = template;
        this.parameters = parameters;
        this.pseudo = pseudo(stackUuid);
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            JsonNode definition = template.path("Conditions").path(name);
            if (definition.isMissingNode()) {
                throw new IllegalArgumentException("no condition " + name);
            }
            known = resolve(definition).asBoolean();
            conditions.put(name, known);
        }
        return known;
    }

    /** The node with every intrinsic in it evaluated; {@code AWS::NoValue} removes the property or item. */
    JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                return intrinsic(key, node.get(key));
            }
        }
        if (node.isObject()) {
            ObjectNode resolved = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(entry -> {
                JsonNode value = resolve(entry.getValue());
                if (!value.isMissingNode()) {
                    resolved.set(entry.getKey(), value);
                }
            });
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> {
                JsonNode value = resolve(item);
                if (!value.isMissingNode()) {
                    resolved.add(value);
                }
            });
            return resolved;
        }
        return node;
    }

    private JsonNode intrinsic(String function, JsonNode args) {
        return switch (function) {
            case "Ref" -> ref(args.asText());
            case "Condition" -> BooleanNode.valueOf(condition(args.asText()));
            case "Fn::GetAtt" -> TextNode.valueOf("<GetAtt " + (args.isArray() ? args.get(0).asText() + "."
                    + args.get(1).asText() : args.asText()) + ">");
            case "Fn::If" -> resolve(condition(args.get(0).asText()) ? args.get(1) : args.get(2));
            case "Fn::Equals" -> BooleanNode.valueOf(resolve(args.get(0)).equals(resolve(args.get(1))));
            case "Fn::Not" -> BooleanNode.valueOf(!resolve(args.get(0)).asBoolean());
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode arg : args) {
                    all &= resolve(arg).asBoolean();
                }
                yield BooleanNode.valueOf(all);
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode arg : args) {
                    any |= resolve(arg).asBoolean();
                }
                yield BooleanNode.valueOf(any);
            }
            case "Fn::Join" -> {
                List<String> parts = new ArrayList<>();
                resolve(args.get(1)).forEach(part -> parts.add(part.asText()));
                yield TextNode.valueOf(String.join(args.get(0).asText(), parts));
            }
            case "Fn::Split" -> {
                ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                for (String part : resolve(args.get(1)).asText().split(Pattern.quote(args.get(0).asText()), -1)) {
                    parts.add(part);
                }
                yield parts;
            }
            case "Fn::Select" -> {
                int index = resolve(args.get(0)).asInt();
                JsonNode list = resolve(args.get(1));
                if (index < 0 || index >= list.size()) {
                    throw new IllegalStateException("Fn::Select index " + index + " out of range of " + list);
                }
                yield list.get(index);
            }
            case "Fn::Sub" -> sub(args.isArray() ? args.get(0).asText() : args.asText(),
                    args.isArray() ? args.get(1) : MissingNode.getInstance());
            default -> throw new UnsupportedOperationException(function + " is not evaluated by this test");
        };
    }

    private JsonNode ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return MissingNode.getInstance();
        }
        if (pseudo.containsKey(name)) {
            return TextNode.valueOf(pseudo.get(name));
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (template.path("Resources").has(name)) {
            return TextNode.valueOf("<Ref " + name + ">");
        }
        throw new IllegalArgumentException("Ref to unknown " + name);
    }

    private JsonNode sub(String text, JsonNode variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String value;
            if (!matcher.group(1).isEmpty()) {
                value = "${" + name + "}";
            } else if (variables.has(name)) {
                value = resolve(variables.get(name)).asText();
            } else if (name.contains(".")) {
                value = "<GetAtt " + name + ">";
            } else {
                JsonNode resolved = ref(name);
                if (!resolved.isValueNode()) {
                    throw new IllegalStateException("Fn::Sub of a list: " + name);
                }
                value = resolved.asText();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return TextNode.valueOf(out.toString());
    }
}

package dev.mwaalogin.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads what {@code sam local} reads from {@code template.yaml}: a function's handler, memory, timeout and
 * environment variables, with {@code Globals} applied and parameter references resolved to their defaults.
 */
public final class Template {

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Template(new Yaml(new CloudFormationConstructor()).load(reader));
        }
    }

    /** The function the local tools run when none is named: the one a default deployment creates. */
    public static final String DEFAULT_FUNCTION = "LoginFunction";

    /**
     * The function with this logical id; when null, {@value #DEFAULT_FUNCTION} if the template has it, else the first
     * unconditional {@code AWS::Serverless::Function}.
     */
    public Function function(String logicalId) {
        Map<String, Object> resources = map(root.get("Resources"));
        if (logicalId == null && resources.containsKey(DEFAULT_FUNCTION)) {
            logicalId = DEFAULT_FUNCTION;
        }
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            boolean chosen = logicalId == null ? !resource.containsKey("Condition") : entry.getKey().equals(logicalId);
            if (chosen && "AWS::Serverless::Function".equals(resource.get("Type"))) {
                Map<String, Object> merged = new LinkedHashMap<>(map(map(root.get("Globals")).get("Function")));
                merged.putAll(map(resource.get("Properties")));
                Map<String, String> environment = new LinkedHashMap<>();
                Map<String, Object> variables = map(map(merged.get("Environment")).get("Variables"));
                variables.forEach((name, value) -> {
                    String resolved = resolve(value);
                    if (resolved != null) {
                        environment.put(name, resolved);
                    }
                });
                List<Route> routes = new ArrayList<>();
                map(merged.get("Events")).values().forEach(event -> {
                    Map<String, Object> properties = map(map(event).get("Properties"));
                    if ("HttpApi".equals(map(event).get("Type")) && properties.get("Path") instanceof String) {
                        routes.add(new Route(String.valueOf(properties.getOrDefault("Method", "ANY"))
                                .toUpperCase(java.util.Locale.ROOT), (String) properties.get("Path")));
                    }
                });
                return new Function(entry.getKey(), String.valueOf(merged.get("Handler")),
                        String.valueOf(merged.get("Runtime")), integer(merged.get("MemorySize"), 128),
                        integer(merged.get("Timeout"), 3), environment, List.copyOf(routes));
            }
        }
        throw new IllegalArgumentException(logicalId == null ? "template.yaml has no AWS::Serverless::Function"
                : "template.yaml has no AWS::Serverless::Function named " + logicalId);
    }

    /** A literal, or a parameter's default; null for anything only CloudFormation can work out. */
    private String resolve(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> intrinsic = map(value);
        Object ref = intrinsic.get("Ref");
        if (intrinsic.size() == 1 && ref instanceof String) {
            Object parameterDefault = map(map(root.get("Parameters")).get(ref)).get("Default");
            return parameterDefault == null ? null : parameterDefault.toString();
        }
        return null;
    }

    private static int integer(Object value, int fallback) {
        return value instanceof Number ? ((Number) value).intValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /**
     * A function as {@code sam local} would run it.
     *
     * @param logicalId   its logical id in the template
     * @param handler     {@code package.Class::method}
     * @param runtime     e.g. {@code java25}
     * @param memoryMb    MemorySize
     * @param timeoutSecs Timeout
     * @param environment the variables whose values the template alone decides
     * @param routes      its HTTP API routes
     */
    public record Function(String logicalId, String handler, String runtime, int memoryMb, int timeoutSecs,
                           Map<String, String> environment, List<Route> routes) {
    }

    /**
     * An HTTP API route.
     *
     * @param method a method or {@code ANY}
     * @param path   e.g. {@code /login/{environment}}
     */
    public record Route(String method, String path) {

        /** The route key API Gateway puts in events, e.g. {@code ANY /login/{environment}}. */
        public String key() {
            return method + " " + path;
        }
    }

    /** Turns {@code !Ref x} into {@code {Ref: x}} and {@code !Sub y} into {@code {Fn::Sub: y}}, like CloudFormation. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode) {
                        value = constructScalar((ScalarNode) node);
                    } else if (node instanceof SequenceNode) {
                        value = constructSequence((SequenceNode) node);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    if (tag.equals("GetAtt") && value instanceof String) {
                        value = List.of(((String) value).split("\\.", 2));
                    }
                    return Map.of(key, value);
                }
            });
        }
    }
}

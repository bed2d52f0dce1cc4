package dev.mwaalogin.local.template;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * No open door, checked on any resolved template: every route of every API (HTTP and REST, inline OpenAPI or route
 * resources) and any function URL needs the authorizer the auth mode calls for. Authorization is read the way API
 * Gateway's OpenAPI import reads it, so a route SAM or a hand edit left without security shows as {@code NONE}.
 */
public final class RouteChecks {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace", "x-amazon-apigateway-any-method");

    private RouteChecks() {
    }

    /** Every route of every API (and any function URL) needs the expected authorizer; REST is always IAM. */
    public static List<String> routes(ResolvedTemplate resolved, String expectedHttpAuth) {
        List<String> violations = new ArrayList<>();
        resolved.ofType("AWS::ApiGatewayV2::Api").forEach((id, api) -> {
            if (!api.path("Properties").has("Body")) {
                violations.add("HTTP API " + id + " has no inline definition to check");
            }
            bodyRoutes(api.path("Properties").path("Body")).forEach((route, auth) -> {
                if (!auth.equals(expectedHttpAuth)) {
                    violations.add("HTTP API " + id + " route " + route + ": authorization " + auth
                            + ", expected " + expectedHttpAuth);
                }
            });
        });
        resolved.ofType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
            String auth = route.path("Properties").path("AuthorizationType").asText("NONE");
            if (!auth.equals(expectedHttpAuth)) {
                violations.add("route " + id + ": authorization " + auth + ", expected " + expectedHttpAuth);
            }
        });
        resolved.ofType("AWS::ApiGateway::RestApi").forEach((id, api) -> {
            JsonNode body = api.path("Properties").path("Body");
            bodyRoutes(body).forEach((route, auth) -> {
                if (!auth.equals("AWS_IAM")) {
                    violations.add("REST API " + id + " method " + route + ": authorization " + auth);
                }
            });
            body.findValues("x-amazon-apigateway-integration").forEach(integration -> {
                if (integration.has("credentials")) {
                    violations.add("REST API " + id + " invokes with credentials "
                            + integration.path("credentials"));
                }
            });
        });
        resolved.ofType("AWS::ApiGateway::Method").forEach((id, method) -> {
            String auth = method.path("Properties").path("AuthorizationType").asText("NONE");
            if (!auth.equals("AWS_IAM")) {
                violations.add("REST method " + id + ": authorization " + auth);
            }
        });
        resolved.ofType("AWS::Lambda::Url").forEach((id, url) -> {
            if (!url.path("Properties").path("AuthType").asText().equals("AWS_IAM")) {
                violations.add("function URL " + id + " is open");
            }
        });
        return violations;
    }

    /** The one HTTP API's routes ("ANY /login") with their authorization types. */
    public static Map<String, String> httpRoutes(ResolvedTemplate resolved) {
        return bodyRoutes(resolved.single("AWS::ApiGatewayV2::Api").path("Properties").path("Body"));
    }

    /** The one REST API's routes ("ANY /login") with their authorization types. */
    public static Map<String, String> restRoutes(ResolvedTemplate resolved) {
        return bodyRoutes(resolved.single("AWS::ApiGateway::RestApi").path("Properties").path("Body"));
    }

    /** Route key ("ANY /login") to the authorization type API Gateway's OpenAPI import gives it. */
    private static Map<String, String> bodyRoutes(JsonNode body) {
        Map<String, String> routes = new TreeMap<>();
        body.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                String method = op.getKey().equals("x-amazon-apigateway-any-method") ? "ANY"
                        : op.getKey().toUpperCase();
                routes.put(method + " " + path.getKey(), authorization(body, op.getValue()));
            }
        }));
        return routes;
    }

    /**
     * awsSigv4 security schemes become AWS_IAM, jwt authorizers JWT (x-amazon-apigateway-authtype and
     * x-amazon-apigateway-authorizer in API Gateway's OpenAPI extensions); no security requirement is NONE.
     */
    private static String authorization(JsonNode body, JsonNode operation) {
        if (operation.has("x-amazon-apigateway-auth")) {
            return operation.path("x-amazon-apigateway-auth").path("type").asText().toUpperCase();
        }
        JsonNode security = operation.has("security") ? operation.path("security") : body.path("security");
        if (!security.isArray() || security.isEmpty()) {
            return "NONE";
        }
        Set<String> types = new TreeSet<>();
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                types.add("NONE");
            }
            requirement.fieldNames().forEachRemaining(name -> {
                JsonNode scheme = body.path("components").path("securitySchemes").has(name)
                        ? body.path("components").path("securitySchemes").path(name)
                        : body.path("securityDefinitions").path(name);
                JsonNode authorizer = scheme.path("x-amazon-apigateway-authorizer");
                if (scheme.isMissingNode()) {
                    types.add("UNDEFINED " + name);
                } else if (scheme.path("x-amazon-apigateway-authtype").asText().equals("awsSigv4")) {
                    types.add("AWS_IAM");
                } else if (authorizer.path("type").asText().equals("jwt")) {
                    boolean configured = !authorizer.path("jwtConfiguration").path("issuer").asText().isEmpty()
                            && !texts(authorizer.path("jwtConfiguration").path("audience")).isEmpty();
                    types.add(configured ? "JWT" : "JWT without issuer or audience");
                } else {
                    types.add("CUSTOM " + name);
                }
            });
        }
        return String.join("|", types);
    }
}

package dev.mwaalogin.local.template;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.ACCOUNT;
import static dev.mwaalogin.local.template.TemplateFixtures.REGION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Least privilege, checked on any resolved template (so also on mutated copies, which prove the check catches what
 * it looks for): what every IAM role of the stack may do, who may assume it, and which secrets and Airflow roles it
 * reaches. Each check returns its violations, empty when there are none, so a failure names every one of them.
 */
public final class PolicyChecks {

    /** What the function's role may do in the per-Airflow-role IAM roles (RoleMapping), and all it may do there. */
    public static final List<String> SESSION_ACTIONS = List.of("sts:AssumeRole", "sts:SetSourceIdentity");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AIRFLOW_ROLE_ARN = Pattern.compile(
            "arn:aws:airflow:" + REGION + ":" + ACCOUNT + ":role/([^/]+)/([^/]+)");
    private static final String BASIC_EXECUTION_ROLE =
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    /** What a person's session may do: sign in, and call Airflow's REST API, as its own Airflow role. */
    public static final List<String> PERSON_ACTIONS = List.of("airflow:CreateWebLoginToken",
            "airflow:InvokeRestApi");

    private PolicyChecks() {
    }

    /**
     * Everything the stack lets its code do must be CreateWebLoginToken on exactly these ARNs, plus logs. With
     * RoleMapping the function's role may instead only start sessions in this stack's Airflow roles, each of
     * which trusts only a function's role and mints only for its own Airflow role.
     */
    public static List<String> policy(ResolvedTemplate resolved, Set<String> expectedArns) {
        List<String> violations = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::User",
                "AWS::IAM::Group")) {
            resolved.ofType(type).keySet().forEach(id -> violations.add(id + ": unexpected " + type));
        }
        resolved.ofType("AWS::IAM::ManagedPolicy").forEach((id, policy) -> callerPolicy(id, policy, violations));
        Map<String, JsonNode> roles = resolved.ofType("AWS::IAM::Role");
        Map<String, String> airflowRoleArns = airflowRoleArns(roles);
        for (Map.Entry<String, JsonNode> entry : roles.entrySet()) {
            String id = entry.getKey();
            JsonNode role = entry.getValue().path("Properties");
            String airflowRole = airflowRoleArns.containsKey(id)
                    ? role.path("RoleName").asText().replaceAll("-.*", "") : null;
            for (JsonNode statement : role.path("AssumeRolePolicyDocument").path("Statement")) {
                JsonNode principal = statement.path("Principal");
                boolean lambda = texts(principal.path("Service")).equals(List.of("lambda.amazonaws.com"));
                Matcher trusted = Pattern.compile("<GetAtt (\\w+)\\.Arn>").matcher(principal.path("AWS").asText());
                boolean byFunctionRole = trusted.matches() && roles.containsKey(trusted.group(1))
                        && !airflowRoleArns.containsKey(trusted.group(1));
                if (principal.size() != 1 || (airflowRole == null ? !lambda : !byFunctionRole)) {
                    violations.add(id + ": may be assumed by " + principal);
                }
                if (airflowRole != null && (!texts(statement.path("Action")).equals(SESSION_ACTIONS)
                        || !statement.path("Condition").path("Null").path("sts:SourceIdentity").asText()
                        .equals("false"))) {
                    violations.add(id + ": may be assumed without a source identity, or for " + statement
                            .path("Action"));
                }
            }
            for (String managed : texts(role.path("ManagedPolicyArns"))) {
                if (!managed.equals(BASIC_EXECUTION_ROLE)) {
                    violations.add(id + ": managed policy " + managed);
                }
            }
            for (JsonNode policy : role.path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    if (!statement.path("Effect").asText().equals("Allow")) {
                        continue;
                    }
                    if (statement.has("NotAction") || statement.has("NotResource")) {
                        violations.add(id + ": NotAction/NotResource grants everything else");
                    }
                    List<String> actions = texts(statement.path("Action"));
                    if (airflowRole == null && actions.equals(List.of("airflow:GetEnvironment"))) {
                        // Read-only, and only the allowed environments: the same names as the grants.
                        for (String resource : texts(statement.path("Resource"))) {
                            String asRole = resource.replaceFirst(":environment/([^/]+)$", ":role/$1/");
                            if (!resource.contains(":environment/") || expectedArns.stream()
                                    .noneMatch(arn -> arn.startsWith(asRole))) {
                                violations.add(id + ": may read " + resource);
                            }
                        }
                        continue;
                    }
                    if (airflowRole == null && actions.equals(List.of("logs:CreateLogStream",
                            "logs:PutLogEvents"))) {
                        // Only the stack's own log groups (GetAtt of an AWS::Logs::LogGroup it declares).
                        for (String resource : texts(statement.path("Resource"))) {
                            Matcher group = Pattern.compile("<GetAtt (\\w+)\\.Arn>").matcher(resource);
                            if (!group.matches() || !resolved.ofType("AWS::Logs::LogGroup")
                                    .containsKey(group.group(1))) {
                                violations.add(id + ": may write logs to " + resource);
                            }
                        }
                        continue;
                    }
                    if (airflowRole == null && actions.equals(List.of("secretsmanager:GetSecretValue"))) {
                        Set<String> readable = signInSecrets(resolved);
                        for (String resource : texts(statement.path("Resource"))) {
                            if (!readable.contains(resource)) {
                                violations.add(id + ": may read the secret " + resource);
                            }
                        }
                        continue;
                    }
                    if (airflowRole == null && actions.equals(List.of("kms:Decrypt"))) {
                        // The sign-in secret's own key, and only as Secrets Manager decrypts the secret with it.
                        for (String resource : texts(statement.path("Resource"))) {
                            if (!resource.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+")
                                    || !statement.path("Condition").path("StringEquals").path("kms:ViaService")
                                    .asText().startsWith("secretsmanager.")) {
                                violations.add(id + ": may decrypt with " + resource + " " + statement
                                        .path("Condition"));
                            }
                        }
                        continue;
                    }
                    if (airflowRole == null && actions.equals(SESSION_ACTIONS)) {
                        for (String resource : texts(statement.path("Resource"))) {
                            if (!airflowRoleArns.containsValue(resource)) {
                                violations.add(id + ": may assume " + resource);
                            }
                        }
                        continue;
                    }
                    // A person's role also calls Airflow's REST API (/api), on the same ARNs: its own Airflow role.
                    if (!actions.equals(List.of("airflow:CreateWebLoginToken")) && !(airflowRole != null
                            && actions.equals(PERSON_ACTIONS))) {
                        violations.add(id + ": allows " + actions + ", not only airflow:CreateWebLoginToken"
                                + (airflowRole == null ? "" : " (and airflow:InvokeRestApi)"));
                    }
                    for (String resource : texts(statement.path("Resource"))) {
                        granted.add(resource);
                        Matcher arn = AIRFLOW_ROLE_ARN.matcher(resource);
                        if (!arn.matches() || !expectedArns.contains(resource)
                                || (airflowRole != null && !arn.group(2).equals(airflowRole))) {
                            violations.add(id + ": allows it on " + resource);
                        }
                    }
                }
            }
        }
        if (!new LinkedHashSet<>(granted).equals(expectedArns)) {
            violations.add("granted " + granted + ", expected " + expectedArns);
        }
        if (new LinkedHashSet<>(granted).size() != granted.size()) {
            violations.add("duplicate ARNs " + granted);
        }
        resolved.ofType("AWS::Lambda::Function").forEach((id, function) -> {
            Matcher getAtt = Pattern.compile("<GetAtt (\\w+)\\.Arn>")
                    .matcher(function.path("Properties").path("Role").asText());
            if (!getAtt.matches() || !roles.containsKey(getAtt.group(1))) {
                violations.add(id + ": runs with a role this check has not seen: "
                        + function.path("Properties").path("Role"));
            }
        });
        return violations;
    }

    /**
     * A managed policy is only ever the one the stack hands to its callers (AuthMode AWS_IAM): attached to nothing of
     * the stack's own, and allowing nothing but execute-api:Invoke on this stack's HTTP API.
     */
    private static void callerPolicy(String id, JsonNode policy, List<String> violations) {
        JsonNode properties = policy.path("Properties");
        for (String attachment : List.of("Roles", "Users", "Groups")) {
            if (!texts(properties.path(attachment)).isEmpty()) {
                violations.add(id + ": attached to " + attachment + " " + texts(properties.path(attachment)));
            }
        }
        String api = "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":<Ref HttpApi>/";
        for (JsonNode statement : properties.path("PolicyDocument").path("Statement")) {
            if (statement.has("NotAction") || statement.has("NotResource")) {
                violations.add(id + ": NotAction/NotResource grants everything else");
            }
            if (!texts(statement.path("Action")).equals(List.of("execute-api:Invoke"))) {
                violations.add(id + ": allows " + texts(statement.path("Action")) + ", not only execute-api:Invoke");
            }
            for (String resource : texts(statement.path("Resource"))) {
                if (!resource.startsWith(api) || resource.substring(api.length()).startsWith("*")) {
                    violations.add(id + ": allows it on " + resource);
                }
            }
        }
    }

    /** Every ARN some role may call CreateWebLoginToken on, in the order the template grants them. */
    public static List<String> grantedArns(ResolvedTemplate resolved) {
        List<String> arns = new ArrayList<>();
        resolved.ofType("AWS::IAM::Role").values().forEach(role -> role.path("Properties").path("Policies")
                .forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statement -> {
                    if (texts(statement.path("Action")).contains("airflow:CreateWebLoginToken")) {
                        arns.addAll(texts(statement.path("Resource")));
                    }
                })));
        return arns;
    }

    /** The sign-in secret this stack makes (any version suffix) and the OIDC client secret its settings name. */
    public static Set<String> signInSecrets(ResolvedTemplate resolved) {
        Set<String> arns = new TreeSet<>();
        JsonNode secret = resolved.resources().get("SignInSecret");
        if (secret != null) {
            JsonNode properties = secret.path("Properties");
            arns.add("arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:"
                    + properties.path("Name").asText() + "-??????");
            try {
                JsonNode settings = JSON.readTree(properties.path("GenerateSecretString")
                        .path("SecretStringTemplate").asText());
                if (!settings.path("clientSecretArn").asText().isEmpty()) {
                    arns.add(settings.path("clientSecretArn").asText());
                }
            } catch (IOException notJson) {
                arns.add("<the sign-in secret's settings are not JSON>");
            }
        }
        return arns;
    }

    /** The stack's per-Airflow-role IAM roles (trusted by another role, not by Lambda), by id, with their ARNs. */
    public static Map<String, String> airflowRoleArns(Map<String, JsonNode> roles) {
        Map<String, String> arns = new TreeMap<>();
        roles.forEach((id, role) -> {
            JsonNode properties = role.path("Properties");
            if (properties.has("RoleName")) {
                arns.put(id, "arn:aws:iam::" + ACCOUNT + ":role" + properties.path("Path").asText("/")
                        + properties.path("RoleName").asText());
            }
        });
        return arns;
    }
}

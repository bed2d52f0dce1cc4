package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import dev.mwaalogin.local.template.TemplateRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions in a VPC when the operator asks for it (VpcSubnetIds with VpcSecurityGroupIds), never otherwise:
 * every function gets the subnets and groups, the role gets the network-interface actions Lambda needs and no logs
 * permission beyond its own, a change of either publishes a new version, and one without the other is refused
 * before anything is created.
 */
class TemplateVpcIT {

    private static final String SUBNETS = "subnet-0a1b2c3d4e5f60718,subnet-0123456789abcdef0,subnet-89abcdef";
    private static final String GROUPS = "sg-0fedcba9876543210,sg-01234567";
    private static final Map<String, String> PLAIN = Map.of("MwaaEnvironmentName", "demo",
            "PrivateRestApiVpcEndpointId", "vpce-0123456789abcdef0");
    private static final Map<String, String> IN_VPC = with(PLAIN, "VpcSubnetIds", SUBNETS,
            "VpcSecurityGroupIds", GROUPS);

    private static JsonNode plain;
    private static JsonNode inVpc;

    @BeforeAll
    static void translate() throws Exception {
        plain = SamTranslator.translate(TEMPLATE, PLAIN);
        inVpc = SamTranslator.translate(TEMPLATE, IN_VPC);
    }

    @Test
    void withoutVpcParametersNoFunctionIsInAVpcAndTheRoleManagesNoInterfaces() {
        ResolvedTemplate resolved = ResolvedTemplate.of(plain, PLAIN);
        Map<String, JsonNode> functions = resolved.ofType("AWS::Lambda::Function");
        assertEquals(2, functions.size(), functions.keySet()::toString);
        functions.forEach((id, function) -> assertFalse(function.path("Properties").has("VpcConfig"), id));
        assertFalse(policyNames(resolved).contains("ManageVpcNetworkInterfaces"), policyNames(resolved)::toString);
        assertEquals(List.of(), TemplateRules.failures(plain, PLAIN), "the positive control: no VPC is fine");
    }

    @Test
    void inAVpcEveryFunctionGetsTheSubnetsAndGroupsAndTheRoleOnlyTheInterfaceActions() {
        ResolvedTemplate resolved = ResolvedTemplate.of(inVpc, IN_VPC);
        Map<String, JsonNode> functions = resolved.ofType("AWS::Lambda::Function");
        assertEquals(2, functions.size(), functions.keySet()::toString);
        functions.forEach((id, function) -> {
            JsonNode vpc = function.path("Properties").path("VpcConfig");
            assertEquals(List.of(SUBNETS.split(",")), texts(vpc.path("SubnetIds")), id);
            assertEquals(List.of(GROUPS.split(",")), texts(vpc.path("SecurityGroupIds")), id);
        });
        assertTrue(policyNames(resolved).contains("ManageVpcNetworkInterfaces"), policyNames(resolved)::toString);
        JsonNode statement = policy(resolved, "ManageVpcNetworkInterfaces").path("PolicyDocument")
                .path("Statement").get(0);
        assertEquals(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
                texts(statement.path("Action")));
        JsonNode role = resolved.resources().get("LoginFunctionRole").path("Properties");
        assertFalse(role.has("ManagedPolicyArns"), "not AWSLambdaVPCAccessExecutionRole: it may write any log group");
        assertEquals(List.of(), TemplateRules.failures(inVpc, IN_VPC));
    }

    @Test
    void aChangedSubnetOrGroupPublishesANewVersionThatStillFitsItsDescription() {
        for (String function : List.of("LoginFunction", "RestLoginFunction")) {
            String description = SamTranslator.versionOf(inVpc, function).path("Properties").path("Description")
                    .path("Fn::Sub").asText();
            assertTrue(description.contains("${VpcSubnetIds}") && description.contains("${VpcSecurityGroupIds}"),
                    function + ": " + description);
        }
        // The longest subnet and group lists the parameters accept, with today's fixture: within Lambda's 256.
        Map<String, String> longest = with(IN_VPC, "VpcSubnetIds", "subnet-0123456789abcdef0,".repeat(3)
                .replaceAll(",$", ""), "VpcSecurityGroupIds", "sg-0123456789abcdef0,sg-0123456789abcdef1");
        assertTrue(ResolvedTemplate.of(inVpc, longest).versionDescription().length() <= 256);
    }

    @Test
    void subnetsWithoutGroupsOrGroupsWithoutSubnetsAreRefusedBeforeAnythingIsCreated() {
        assertEquals(1, TemplateRules.failures(inVpc, with(PLAIN, "VpcSubnetIds", SUBNETS)).size());
        assertEquals(1, TemplateRules.failures(inVpc, with(PLAIN, "VpcSecurityGroupIds", GROUPS)).size());
        Pattern subnets = Pattern.compile(SamTranslator.parameter(plain, "VpcSubnetIds").path("AllowedPattern")
                .asText());
        Pattern groups = Pattern.compile(SamTranslator.parameter(plain, "VpcSecurityGroupIds").path("AllowedPattern")
                .asText());
        for (String accepted : List.of("", "subnet-0a1b2c3d", SUBNETS)) {
            assertTrue(subnets.matcher(accepted).matches(), accepted);
        }
        for (String refused : List.of("subnet-0a1b2c3d, subnet-89abcdef", "subnet-xyz", "sg-01234567",
                SUBNETS + ",subnet-0a1b2c3d", "subnet-0a1b2c3d,")) {
            assertFalse(subnets.matcher(refused).matches(), refused);
        }
        for (String accepted : List.of("", "sg-01234567", GROUPS)) {
            assertTrue(groups.matcher(accepted).matches(), accepted);
        }
        for (String refused : List.of("sg-01234567 ", "subnet-0a1b2c3d", GROUPS + ",sg-01234567")) {
            assertFalse(groups.matcher(refused).matches(), refused);
        }
    }

    private static List<String> policyNames(ResolvedTemplate resolved) {
        List<String> names = new java.util.ArrayList<>();
        resolved.resources().get("LoginFunctionRole").path("Properties").path("Policies")
                .forEach(policy -> names.add(policy.path("PolicyName").asText()));
        return names;
    }

    private static JsonNode policy(ResolvedTemplate resolved, String name) {
        for (JsonNode policy : resolved.resources().get("LoginFunctionRole").path("Properties").path("Policies")) {
            if (policy.path("PolicyName").asText().equals(name)) {
                return policy;
            }
        }
        throw new AssertionError("no policy " + name);
    }

    private static Map<String, String> with(Map<String, String> base, String... namesAndValues) {
        Map<String, String> merged = new HashMap<>(base);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            merged.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Map.copyOf(merged);
    }
}

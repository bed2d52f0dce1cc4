package dev.mwaalogin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleMappingTest {

    private static Caller caller(String... groups) {
        return new Caller("alice@example.com", List.of(groups), Caller.Source.JWT_AUTHORIZER);
    }

    @Test
    void theHighestMatchingRoleWinsWhateverTheOrderOfTheRules() {
        for (String rules : new String[] {"data-*=User;admins=Admin;*=Viewer", "*=Viewer;admins=Admin;data-*=User",
            "admins=Admin;*=Viewer;data-*=User"}) {
            RoleMapping mapping = RoleMapping.parse(rules);
            assertEquals(Optional.of(AirflowRole.Admin), mapping.roleFor(caller("data-eng", "admins")), rules);
            assertEquals(Optional.of(AirflowRole.User), mapping.roleFor(caller("data-eng")), rules);
            assertEquals(Optional.of(AirflowRole.Viewer), mapping.roleFor(caller()), rules);
        }
    }

    @Test
    void noMatchingRuleIsNoRole() {
        RoleMapping mapping = RoleMapping.parse("admins=Admin;AWSReservedSSO_DataEngineers_*=User");
        assertEquals(Optional.empty(), mapping.roleFor(caller("Admins", "data", "xAWSReservedSSO_DataEngineers_1")));
        assertEquals(Optional.of(AirflowRole.User),
                mapping.roleFor(caller("AWSReservedSSO_DataEngineers_0123456789abcdef")));
    }

    @Test
    void aLoneStarMatchesACallerWithoutGroupsAndAStarInsideANameDoesNot() {
        assertEquals(Optional.of(AirflowRole.Public), RoleMapping.parse("*=Public").roleFor(caller()));
        assertEquals(Optional.empty(), RoleMapping.parse("a*=Op").roleFor(caller()));
        assertEquals(Optional.of(AirflowRole.Op), RoleMapping.parse("**=Op").roleFor(caller("x")));
    }

    @Test
    void blankIsNoMappingAndTheRolesItCanGrantAreListedHighestFirst() {
        assertTrue(RoleMapping.parse("").isEmpty());
        assertTrue(RoleMapping.parse(" ; ").isEmpty());
        assertEquals(List.of(AirflowRole.Admin, AirflowRole.Viewer),
                RoleMapping.parse("*=Viewer;a=Admin;b=Viewer").grantableRoles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "=Admin", "admins=", "admins=admin", "admins=Superuser", "a=Admin;b",
        "a\u0001b=Admin"})
    void anInvalidMappingNamesTheVariable(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleMapping.parse(value));
        assertTrue(e.getMessage().startsWith("ROLE_MAPPING "), e.getMessage());
    }

    @Test
    void tooManyRulesAreRefused() {
        String rules = "g=Viewer;".repeat(RoleMapping.MAX_RULES + 1);
        assertThrows(IllegalArgumentException.class, () -> RoleMapping.parse(rules));
    }

    @Test
    void aHostileGroupNameCostsLinearTime() {
        // A backtracking regex would take exponential time here; the matcher must just say no.
        String group = "a".repeat(5000);
        assertEquals(Optional.empty(), RoleMapping.parse("*a*a*a*a*a*a*a*a*a*b=Admin").roleFor(caller(group)));
    }

    @Property(tries = 3000)
    void globAgreesWithTheEquivalentRegex(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        assertEquals(Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches(), RoleMapping.glob(pattern, text),
                pattern + " vs " + text);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab*-").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab-").ofMaxLength(10);
    }

    @Test
    void aRuleForOneEnvironmentAppliesThereOnlyAndTheHighestRoleStillWins() {
        RoleMapping mapping = RoleMapping.parse("data-*=Viewer;data-eng=Op@analytics;admins=Admin@demo");
        assertEquals(java.util.Set.of("analytics", "demo"), mapping.environments());
        assertEquals(Optional.of(AirflowRole.Op), mapping.roleFor(caller("data-eng"), "analytics"));
        assertEquals(Optional.of(AirflowRole.Viewer), mapping.roleFor(caller("data-eng"), "demo"));
        assertEquals(Optional.of(AirflowRole.Viewer), mapping.roleFor(caller("data-eng"), "reporting"));
        assertEquals(Optional.of(AirflowRole.Admin), mapping.roleFor(caller("admins", "data-eng"), "demo"));
        assertEquals(Optional.empty(), mapping.roleFor(caller("admins"), "analytics"));
        // Without an environment only the rules for every environment count.
        assertEquals(Optional.of(AirflowRole.Viewer), mapping.roleFor(caller("data-eng")));
        assertEquals(Optional.empty(), mapping.roleFor(caller("admins")));
        assertEquals(List.of(AirflowRole.Admin, AirflowRole.Op, AirflowRole.Viewer), mapping.grantableRoles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=Op@", "a=Op@9env", "a=Op@an alytics", "a=Op@x@y", "a=Nope@analytics"})
    void aRuleWithABadEnvironmentOrRoleFailsNamingTheVariable(String value) {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> RoleMapping.parse(value));
        assertTrue(wrong.getMessage().startsWith("ROLE_MAPPING "), wrong.getMessage());
    }
}

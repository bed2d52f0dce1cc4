package dev.mwaalogin.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every claim named must be there as a string equal to one of its values; the same claim twice is either value. */
class RequiredClaimsTest {

    @Test
    void everyClaimNamedMustHoldAndAClaimNamedTwiceTakesEitherValue() {
        RequiredClaims required = RequiredClaims.parse("tid=t-1; hd=example.com; hd=example.org");
        assertTrue(required.admit(Map.of("tid", "t-1", "hd", "example.org"), null));
        assertTrue(required.admit(Map.of("tid", "t-1", "hd", "example.com"), null));
        assertFalse(required.admit(Map.of("tid", "t-2", "hd", "example.com"), null));
        assertFalse(required.admit(Map.of("hd", "example.com"), null));
        assertFalse(required.admit(Map.of("tid", "T-1", "hd", "example.com"), null), "claims compare exactly");
        assertFalse(required.admit(Map.of("tid", true, "hd", "example.com"), null), "strings only");
    }

    @Test
    void theEmailDomainIsOnlyEverAVerifiedAddressesAndIgnoresCase() {
        RequiredClaims required = RequiredClaims.parse("email_domain=Example.COM");
        assertTrue(required.admit(Map.of(), "alice@example.com"));
        assertFalse(required.admit(Map.of("email_domain", "example.com"), null), "not a claim a token can carry");
        assertFalse(required.admit(Map.of(), "alice@sub.example.com"));
        assertFalse(required.admit(Map.of(), "alice@example.com.evil.example"));
        assertFalse(required.admit(Map.of(), null));
    }

    @Test
    void noneAdmitsEveryone() {
        assertTrue(RequiredClaims.parse(null).admit(Map.of(), null));
        assertTrue(RequiredClaims.parse(" ").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hd", "hd=", "=x", "h d=x", "hd=\u0000", "a=b;c"})
    void aMalformedRuleNamesTheVariable(String value) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequiredClaims.parse(value)).getMessage()
                .startsWith("REQUIRED_CLAIMS "), value);
    }
}

package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PkceTest {

    @Test
    void theChallengeIsRfc7636AppendixBs() {
        Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pkce.challenge());
        assertEquals("S256", Pkce.METHOD);
    }

    @Test
    void generatedVerifiersAre43UnreservedCharactersAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Pkce pkce = Pkce.generate();
            assertTrue(pkce.verifier().matches("[A-Za-z0-9_-]{43}"), pkce.verifier());
            assertTrue(pkce.challenge().matches("[A-Za-z0-9_-]{43}"));
            assertTrue(seen.add(pkce.verifier()));
            assertEquals(pkce.challenge(), Pkce.fromVerifier(pkce.verifier()).challenge());
        }
    }

    @Test
    void theLengthLimitsOfRfc7636AreKept() {
        assertEquals(43, Pkce.fromVerifier("a".repeat(43)).verifier().length());
        assertEquals(128, Pkce.fromVerifier("~._-".repeat(32)).verifier().length());
        assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier("a".repeat(42)));
        assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier("a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "+", "/", "=", "%", "é", "\n"})
    void onlyUnreservedCharactersMayBeInAVerifier(String character) {
        assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier("a".repeat(42) + character));
    }

    @Test
    void theVerifierDoesNotPrintItself() {
        Pkce pkce = Pkce.generate();
        assertFalse(pkce.toString().contains(pkce.verifier()));
    }
}

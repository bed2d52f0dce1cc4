package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The person as STS and MWAA take it: valid, within 64 characters of Airflow user name, stable and distinct. */
class SessionNamesTest {

    /** STS's pattern for RoleSessionName and SourceIdentity, with its length limits. */
    private static final Pattern STS = Pattern.compile("[\\w+=,.@-]{2,64}");

    @Test
    void aValidPersonThatFitsIsKeptExactly() {
        assertEquals("alice@example.com", SessionNames.of("alice@example.com", 30));
        assertEquals("bob.o-neil+airflow=1,x", SessionNames.of("bob.o-neil+airflow=1,x", 64));
    }

    @Test
    void theMaximumLeavesExactlyMwaasSixtyFourCharactersForTheWholeAirflowUser() {
        String role = "Viewer-1a2b3c4d";
        int max = SessionNames.maxLengthFor(role);
        assertEquals(64, ("assumed-role/" + role + "/").length() + max);
        String person = "firstname.lastname.with.a.long.name@subsidiary.example.com";
        String session = SessionNames.of(person, max);
        assertEquals(max, session.length());
        assertTrue(("assumed-role/" + role + "/" + session).length() <= 64);
    }

    @Test
    void shortenedAndCleanedNamesEndInAHashOfTheOriginal() {
        String a = SessionNames.of("Zoë Ng", 40);
        String b = SessionNames.of("Zo- Ng", 40);
        assertEquals("Zo--Ng-3c6416a7", a, "the README's example: 8 hex digits of SHA-256 of the original");
        assertNotEquals(a, b);
        assertEquals(a, SessionNames.of("Zoë Ng", 40), "the same person is always the same Airflow user");
        assertTrue(STS.matcher(SessionNames.of("x", 40)).matches(), "padded to STS's minimum");
    }

    @Property(tries = 5000)
    void everyPersonBecomesAValidStableNameWithinTheLimit(@ForAll("people") String person,
                                                          @ForAll @IntRange(min = 10, max = 64) int max) {
        String name = SessionNames.of(person, max);
        assertTrue(STS.matcher(name).matches(), name);
        assertTrue(name.length() <= max, name);
        assertEquals(name, SessionNames.of(person, max));
        assertTrue(!name.startsWith("aws:"), name);
    }

    @Property(tries = 5000)
    void twoPeopleNeverShareAName(@ForAll("people") String one, @ForAll("people") String other) {
        if (!one.equals(other)) {
            assertNotEquals(SessionNames.of(one, 24), SessionNames.of(other, 24), one + " / " + other);
        }
    }

    @Provide
    Arbitrary<String> people() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019.@-_+=, :/ë漢\u0000").ofMinLength(1).ofMaxLength(90),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().withCharRange('a', 'c').ofMinLength(20).ofMaxLength(70));
    }
}

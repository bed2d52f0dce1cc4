package dev.mwaalogin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The person as STS and MWAA take it: valid, within 64 characters of Airflow user name, stable, and never the same
 * Airflow user for two people, which Airflow compares ignoring case.
 */
class SessionNamesTest {

    /** STS's pattern for RoleSessionName and SourceIdentity, with its length limits. */
    private static final Pattern STS = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{16}");

    /** Airflow's idea of one user: the same name ignoring case. */
    private static String airflowUser(String sessionName) {
        return sessionName.toLowerCase(Locale.ROOT);
    }

    @Test
    void aValidLowerCasePersonThatFitsIsKeptExactly() {
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
        assertEquals(SessionNames.MIN_LENGTH, SessionNames.maxLengthFor("r".repeat(SessionNames.maxRoleNameLength())));
    }

    @Test
    void anyOtherPersonKeepsWhatIsReadableAndEndsInSixtyFourBitsOfAHashOfItself() {
        String zoe = SessionNames.of("Zoë Ng", 40);
        assertEquals("Zo--Ng-42711ab01c5a0835", zoe, "the README's example");
        assertEquals("Dave-05f86235db888c4f", SessionNames.of("Dave", 40), "the README's example");
        assertEquals(16, SessionNames.hash("Zoë Ng").length());
        assertEquals(zoe, SessionNames.of("Zoë Ng", 40), "the same person is always the same Airflow user");
        assertTrue(HASHED.matcher(SessionNames.of("x", 40)).matches(), "too short for STS");
    }

    /** The counterexamples that broke the old rule: each pair was one Airflow user. */
    @Test
    void theKnownCollisionsAreTwoUsers() {
        int max = SessionNames.maxLengthFor("Viewer-1a2b3c4d");
        String zoe = "Zoë Ng";
        // A legal name that is exactly what another person is hashed into.
        String forged = SessionNames.of(zoe, max);
        assertNotEquals(airflowUser(SessionNames.of(zoe, max)), airflowUser(SessionNames.of(forged, max)));
        // Two long names that share everything that fits.
        String shared = "firstname.lastname.of.someone@";
        assertNotEquals(SessionNames.of(shared + "example.com", max), SessionNames.of(shared + "example.org", max));
        // Case variants: STS keeps them apart, Airflow would not.
        assertNotEquals(airflowUser(SessionNames.of("alice", max)), airflowUser(SessionNames.of("Alice", max)));
        assertNotEquals(airflowUser(SessionNames.of("Dave", max)), airflowUser(SessionNames.of("DAVE", max)));
        // A lone surrogate and the '?' or U+FFFD an encoder would have made of it.
        assertNotEquals(SessionNames.of("a\ud800", max), SessionNames.of("a?", max));
        assertNotEquals(SessionNames.of("a\ud800", max), SessionNames.of("a\ufffd", max));
    }

    @Property(tries = 5000)
    void everyPersonBecomesAValidStableNameWithinTheLimit(@ForAll("people") String person,
                                                          @ForAll @IntRange(min = SessionNames.MIN_LENGTH, max = 64)
                                                          int max) {
        String name = SessionNames.of(person, max);
        assertTrue(STS.matcher(name).matches(), name);
        assertTrue(name.length() <= max, name);
        assertEquals(name, SessionNames.of(person, max));
        assertFalse(name.startsWith("aws:"), name);
        assertTrue(name.equals(person) || HASHED.matcher(name).matches(), "kept, or of the hashed shape: " + name);
    }

    @Property(tries = 20000)
    void twoPeopleNeverShareAnAirflowUser(@ForAll("pairs") List<String> pair,
                                          @ForAll @IntRange(min = SessionNames.MIN_LENGTH, max = 40) int max) {
        String one = pair.get(0);
        String other = pair.get(1);
        if (!one.equals(other)) {
            assertNotEquals(airflowUser(SessionNames.of(one, max)), airflowUser(SessionNames.of(other, max)),
                    one + " / " + other);
        }
    }

    @Provide
    Arbitrary<String> people() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019.@-_+=, :/ë漢\u0000\ud800").ofMinLength(1).ofMaxLength(90),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().withChars("0123456789abcdef-").ofMinLength(15).ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'c').ofMinLength(20).ofMaxLength(70));
    }

    /**
     * Pairs of people that are as close as names get: one person and another's hashed name, two names with a long
     * prefix in common, case variants, names of the hashed shape, and plain random pairs.
     */
    @Provide
    Arbitrary<List<String>> pairs() {
        Arbitrary<String> person = people();
        Arbitrary<Integer> max = Arbitraries.integers().between(SessionNames.MIN_LENGTH, 40);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(person, max).as((p, m) -> List.of(p, SessionNames.of(p, m)))),
                Tuple.of(3, Combinators.combine(person, person, person).as((prefix, a, b) -> List.of(
                        prefix.repeat(1 + 40 / prefix.length()) + a, prefix.repeat(1 + 40 / prefix.length()) + b))),
                Tuple.of(3, person.map(p -> List.of(p, swapCase(p)))),
                Tuple.of(2, person.map(p -> List.of(p.toLowerCase(Locale.ROOT), p.toUpperCase(Locale.ROOT)))),
                Tuple.of(2, Combinators.combine(person, Arbitraries.strings().withChars("0123456789abcdef")
                        .ofLength(16)).as((p, hex) -> List.of(p, p + "-" + hex))),
                Tuple.of(2, Combinators.combine(person, person).as(List::of)));
    }

    private static String swapCase(String text) {
        List<String> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            out.add(String.valueOf(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
        }
        return String.join("", out);
    }
}

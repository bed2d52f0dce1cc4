package dev.mwaalogin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What of MWAA's answer may become a redirect: the hand-written checks agree with the grammar they replaced. */
class MwaaTokensTest {

    /** The hostname grammar as a regular expression: the specification the hand-written check must keep. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])");
    /** RFC 3986's fragment characters, less '#' and nothing percent-decoded. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/?%-]{1,16384}");

    @Property(tries = 5000)
    void theHostnameCheckAcceptsExactlyTheGrammar(@ForAll("hostnames") String hostname) {
        assertEquals(HOSTNAME.matcher(hostname).matches(), MwaaTokens.isHostname(hostname), hostname);
    }

    @Property(tries = 5000)
    void theTokenCheckAcceptsExactlyFragmentCharacters(@ForAll("tokens") String token) {
        assertEquals(TOKEN.matcher(token).matches(), MwaaTokens.isFragmentSafe(token), token);
    }

    @Test
    void realHostnamesPassAndBrokenOnesDoNot() {
        assertTrue(MwaaTokens.isHostname("0a1b2c3d-4e5f-6789-abcd-ef0123456789.c2.airflow.us-east-1.on.aws"));
        assertTrue(MwaaTokens.isHostname("abc-vpce.c2.us-west-2.airflow.amazonaws.com"));
        for (String broken : new String[] {"", ".", "a.", ".a", "a..b", "-a.b", "a-.b", "a.b-", "a_b.c", "a b",
            "a.b:443", "a/b", "ä.b", "a.b\u0000"}) {
            assertFalse(MwaaTokens.isHostname(broken), broken);
        }
    }

    @Test
    void tokensAreBoundedAndNeverNull() {
        assertFalse(MwaaTokens.isFragmentSafe(null));
        assertFalse(MwaaTokens.isFragmentSafe(""));
        assertTrue(MwaaTokens.isFragmentSafe("a".repeat(MwaaTokens.MAX_TOKEN_LENGTH)));
        assertFalse(MwaaTokens.isFragmentSafe("a".repeat(MwaaTokens.MAX_TOKEN_LENGTH + 1)));
        assertFalse(MwaaTokens.isFragmentSafe("abc#def"));
    }

    @Provide
    Arbitrary<String> hostnames() {
        // Mostly the characters that matter (label characters, dots, hyphens), some of anything.
        Arbitrary<String> near = Arbitraries.strings().withChars("ab09-.").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(12);
        return Arbitraries.oneOf(near, near, near, any);
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> near = Arbitraries.strings().withChars("aZ9._~!$&'()*+,;=:@/?%-#\" <>\\^`{|}")
                .ofMinLength(0).ofMaxLength(16);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(16);
        return Arbitraries.oneOf(near, near, any);
    }
}

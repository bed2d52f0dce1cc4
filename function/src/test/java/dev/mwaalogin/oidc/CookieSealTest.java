package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CookieSealTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-current".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET =
            "0123456789abcdef0123456789abcdef-previous".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> STATE = Map.of("state", "s-123", "nonce", "n-456",
            "verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "return", "/dags?x=1&y=é");

    private final MutableClock clock = new MutableClock(NOW);
    private final CookieSeal state = CookieSeal.create("state", List.of(SECRET), clock);

    private String sealed() {
        return state.seal(STATE, NOW.plusSeconds(600));
    }

    @Test
    void opensWhatItSealed() {
        assertEquals(Optional.of(STATE), state.open(sealed()));
        assertEquals(Optional.of(Map.of()), state.open(state.seal(Map.of(), NOW.plusSeconds(1))));
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("", "");
        odd.put("emoji \uD83D\uDE00", "nul \u0000 and newline \n");
        assertEquals(Optional.of(odd), state.open(state.seal(odd, NOW.plusSeconds(1))));
    }

    @Test
    void theSealedTextIsUnpaddedBase64UrlAndDiffersEveryTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String text = sealed();
            assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
            assertTrue(seen.add(text), "a fresh IV each time");
        }
        assertTrue(state.open(sealed()).orElseThrow().get("return").endsWith("é"));
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] raw = Base64.getUrlDecoder().decode(sealed());
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] changed = raw.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(Optional.empty(), state.open(encoder.encodeToString(changed)), "bit " + bit);
        }
    }

    @Test
    void everyChangedCharacterIsDetected() {
        String text = sealed();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int at = 0; at < text.length(); at++) {
            for (char c : new char[] {alphabet.charAt((alphabet.indexOf(text.charAt(at)) + 1) % 64), '=', '.', '+'}) {
                String changed = text.substring(0, at) + c + text.substring(at + 1);
                assertEquals(Optional.empty(), state.open(changed), "at " + at);
            }
        }
        assertEquals(Optional.empty(), state.open(text + "="), "padding is not the sealed form");
        assertEquals(Optional.empty(), state.open(text + "A"));
    }

    @Test
    void everyTruncationIsRejected() {
        String text = sealed();
        for (int length = 0; length < text.length(); length++) {
            assertEquals(Optional.empty(), state.open(text.substring(0, length)), "length " + length);
        }
    }

    @Test
    void anExpiredValueDoesNotOpen() {
        String text = sealed();
        clock.advance(Duration.ofSeconds(599));
        assertEquals(Optional.of(STATE), state.open(text));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), state.open(text));
    }

    @Test
    void aValueSealedForOnePurposeOpensForNoOther() {
        CookieSeal session = CookieSeal.create("session", List.of(SECRET), clock);
        assertEquals(Optional.empty(), session.open(sealed()));
        assertEquals(Optional.empty(), state.open(session.seal(STATE, NOW.plusSeconds(600))));
        assertNotEquals(List.of(CookieKeys.derive("state", List.of(SECRET)).get(0).getEncoded()),
                List.of(CookieKeys.derive("session", List.of(SECRET)).get(0).getEncoded()));
    }

    @Test
    void anotherSecretDoesNotOpenIt() {
        assertEquals(Optional.empty(), CookieSeal.create("state", List.of(OLD_SECRET), clock).open(sealed()));
    }

    @Test
    void rotationSealsWithTheFirstSecretAndOpensWithAny() {
        CookieSeal before = CookieSeal.create("state", List.of(OLD_SECRET), clock);
        CookieSeal during = CookieSeal.create("state", List.of(SECRET, OLD_SECRET), clock);
        CookieSeal after = CookieSeal.create("state", List.of(SECRET), clock);
        String old = before.seal(STATE, NOW.plusSeconds(60));
        assertEquals(Optional.of(STATE), during.open(old));
        assertEquals(Optional.empty(), after.open(old));
        String fresh = during.seal(STATE, NOW.plusSeconds(60));
        assertEquals(Optional.of(STATE), after.open(fresh), "sealed with the first secret");
        assertEquals(Optional.empty(), before.open(fresh));
    }

    @Test
    void oversizedInputIsRejectedAndOversizedPayloadsRefused() {
        assertEquals(Optional.empty(), state.open("A".repeat(CookieSeal.MAX_SEALED_CHARS + 1)));
        assertEquals(Optional.empty(), state.open(null));
        assertThrows(IllegalArgumentException.class,
                () -> state.seal(Map.of("big", "x".repeat(CookieSeal.MAX_SEALED_CHARS)), NOW.plusSeconds(60)));
        assertTrue(state.seal(Map.of("fits", "x".repeat(2700)), NOW.plusSeconds(60)).length()
                <= CookieSeal.MAX_SEALED_CHARS);
    }

    @Test
    void hostileInputNeverThrows() {
        Random random = new Random(3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.% é\u0000";
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder(i % 2 == 0 ? "A" : "");
            for (int n = random.nextInt(200); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(Optional.empty(), state.open(text.toString()));
        }
        byte[] raw = new byte[80];
        for (int i = 0; i < 500; i++) {
            random.nextBytes(raw);
            raw[0] = 1;
            assertEquals(Optional.empty(), state.open(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
        }
    }

    @Test
    void weakOrMissingSecretsAndBadPurposesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CookieSeal.create("state", List.of(new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> CookieSeal.create("state", List.of()));
        assertThrows(IllegalArgumentException.class, () -> CookieSeal.create("", List.of(SECRET)));
        assertThrows(IllegalArgumentException.class, () -> CookieSeal.create("a b", List.of(SECRET)));
    }

    @Test
    void hkdfMatchesRfc5869() {
        // Test cases 1 and 3 of RFC 5869, appendix A.
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HexFormat.of().formatHex(CookieKeys.hkdf(HexFormat.of().parseHex("000102030405060708090a0b0c"), ikm,
                        HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)));
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HexFormat.of().formatHex(CookieKeys.hkdf(new byte[0], ikm, new byte[0], 42)));
    }
}

package dev.mwaalogin.oidc;

import static dev.mwaalogin.oidc.TestKeys.EC_256;
import static dev.mwaalogin.oidc.TestKeys.OTHER_RSA;
import static dev.mwaalogin.oidc.TestKeys.RSA;
import static dev.mwaalogin.oidc.TestKeys.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens made by someone who does not hold the provider's keys, and input that is not a token at all. */
class HostileTokenTest {

    private static final Instant NOW = IdTokenVerifierTest.NOW;
    private static final String CLIENT = IdTokenVerifierTest.CLIENT;
    private static final String NONCE = IdTokenVerifierTest.NONCE;

    private static final Set<TokenRejected.Reason> NOT_SIGNED = Set.of(TokenRejected.Reason.ALGORITHM_NOT_ALLOWED,
            TokenRejected.Reason.MALFORMED);

    private FakeProvider fake;
    private IdTokenVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start().keys(RSA, EC_256);
        MutableClock clock = new MutableClock(NOW);
        verifier = new IdTokenVerifier(fake.provider().clock(clock).build(), CLIENT, clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private JWTClaimsSet claims() {
        return TestKeys.idClaims(fake.issuer, CLIENT, NOW, NONCE).build();
    }

    private TokenRejected.Reason rejection(String token) {
        return assertThrows(TokenRejected.class,
                () -> verifier.verifyIdToken(token, NONCE, ProviderDeadline.after(Duration.ofSeconds(5)))).rule();
    }

    private static String hmac(byte[] secret, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void anUnsignedTokenIsNeverAccepted() {
        assertEquals(TokenRejected.Reason.ALGORITHM_NOT_ALLOWED, rejection(new PlainJWT(claims()).serialize()));
        String payload = Base64URL.encode(claims().toString()).toString();
        for (String alg : List.of("none", "None", "NONE")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\"}").toString();
            String signature = sign(RSA, JWSAlgorithm.RS256, claims()).split("\\.")[2];
            // nimbus itself finds an unsigned token that carries a signature malformed: rejected either way.
            assertTrue(NOT_SIGNED.contains(rejection(header + "." + payload + ".")), alg);
            assertTrue(NOT_SIGNED.contains(rejection(header + "." + payload + "." + signature)), alg);
        }
    }

    @Test
    void theProvidersPublicKeyDoesNotWorkAsAnHmacSecret() throws JOSEException {
        byte[] der = RSA.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII),
                RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(TokenRejected.Reason.ALGORITHM_NOT_ALLOWED, rejection(hmac(secret, "rsa-1", claims())));
        }
    }

    @Test
    void noHmacEvenWhenTheKeySetOffersASymmetricKey() throws JOSEException {
        byte[] secret = new byte[32];
        new Random(1).nextBytes(secret);
        OctetSequenceKey oct = new OctetSequenceKey.Builder(secret).keyID("hmac").algorithm(JWSAlgorithm.HS256)
                .build();
        fake.answer(FakeProvider.JWKS, 200, new JWKSet(List.of(oct, RSA.toPublicJWK())).toString(false));
        assertEquals(TokenRejected.Reason.ALGORITHM_NOT_ALLOWED, rejection(hmac(secret, "hmac", claims())));
        // The same key under an allowed algorithm name: an oct key never fits an RSA or EC algorithm.
        String header = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"hmac\"}").toString();
        String[] parts = hmac(secret, "hmac", claims()).split("\\.");
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(header + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void keysAndKeyUrlsInTheTokensHeaderAreIgnored() {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(OTHER_RSA.toPublicJWK())
                .jwkURL(URI.create("https://evil.example.com/jwks"))
                .x509CertURL(URI.create("https://evil.example.com/c"));
        assertEquals(TokenRejected.Reason.BAD_SIGNATURE, rejection(sign(OTHER_RSA, header.keyID("rsa-1").build(),
                claims())));
        assertEquals(TokenRejected.Reason.BAD_SIGNATURE, rejection(sign(OTHER_RSA, header.keyID(null).build(),
                claims())));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(sign(OTHER_RSA, header.keyID("rsa-2").build(),
                claims())));
    }

    @Test
    void encryptedOrOtherAlgorithmsAreNotAllowed() {
        String payload = Base64URL.encode(claims().toString()).toString();
        for (String alg : List.of("HS384", "HS512", "ES256K", "EdDSA", "Ed25519", "RSA1_5", "")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\"}").toString();
            TokenRejected.Reason reason = rejection(header + "." + payload + ".c2ln");
            assertTrue(NOT_SIGNED.contains(reason), alg + ": " + reason);
        }
        String jwe = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.a2V5.aXY.Y2lwaGVy.dGFn";
        assertTrue(NOT_SIGNED.contains(rejection(jwe)));
    }

    @Test
    void anOversizedTokenIsNotEvenParsed() {
        String big = sign(RSA, JWSAlgorithm.RS256, TestKeys.idClaims(fake.issuer, CLIENT, NOW, NONCE)
                .claim("padding", "x".repeat(IdTokenVerifier.MAX_TOKEN_CHARS)).build());
        assertEquals(TokenRejected.Reason.TOO_LARGE, rejection(big));
        assertEquals(TokenRejected.Reason.TOO_LARGE, rejection("a".repeat(IdTokenVerifier.MAX_TOKEN_CHARS + 1)));
        assertEquals(0, fake.hits(FakeProvider.DISCOVERY) + fake.hits(FakeProvider.JWKS), "no call for such input");
        String justFits = sign(RSA, JWSAlgorithm.RS256, TestKeys.idClaims(fake.issuer, CLIENT, NOW, NONCE)
                .claim("padding", "x".repeat(IdTokenVerifier.MAX_TOKEN_CHARS * 3 / 4 - 1000)).build());
        assertTrue(justFits.length() <= IdTokenVerifier.MAX_TOKEN_CHARS);
        verifier.verifyIdToken(justFits, NONCE, ProviderDeadline.after(Duration.ofSeconds(5)));
    }

    @Test
    void garbageIsMalformedNeverAnotherException() {
        Random random = new Random(42);
        List<String> inputs = new ArrayList<>(List.of("", ".", "..", "...", "a.b.c", "eyJ.eyJ.", "e30.e30.e30",
                "e30.e30.", Base64URL.encode("{\"alg\":\"RS256\"}") + ".e30.", "\u0000.\u0000.\u0000"));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\\é\u0000";
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(300); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(text.toString());
        }
        for (String input : inputs) {
            try {
                verifier.verifyIdToken(input, NONCE, ProviderDeadline.after(Duration.ofSeconds(5)));
                fail("accepted garbage");
            } catch (TokenRejected expected) {
                // Any reason: what matters is that nothing else escapes.
            }
        }
        assertEquals(TokenRejected.Reason.MALFORMED, rejection(null));
    }

    /** A token changed in one character is rejected, or (in the unused low bits of a part) still says the same. */
    @Test
    void aChangedCharacterNeverYieldsOtherClaims() {
        String token = sign(EC_256, JWSAlgorithm.ES256, claims());
        ProviderDeadline deadline = ProviderDeadline.after(Duration.ofSeconds(30));
        Object original = verifier.verifyIdToken(token, NONCE, deadline).claims();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        Random random = new Random(7);
        int rejected = 0;
        for (int at = 0; at < token.length(); at++) {
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (replacement == token.charAt(at)) {
                continue;
            }
            String changed = token.substring(0, at) + replacement + token.substring(at + 1);
            try {
                assertEquals(original, verifier.verifyIdToken(changed, NONCE, deadline).claims());
            } catch (TokenRejected expected) {
                rejected++;
            }
        }
        assertTrue(rejected > token.length() * 9 / 10, rejected + " of " + token.length() + " changes rejected");
    }
}

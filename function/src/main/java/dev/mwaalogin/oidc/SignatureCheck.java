package dev.mwaalogin.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which of the provider's keys may check a signature, and the check itself.
 *
 * <p>Only public-key algorithms are allowed, and a key is used only with the algorithm family of its own type (an
 * RSA key for RS and PS, an EC key of the matching curve for ES). No HMAC verifier is ever built, so a token that
 * is "signed" with a public key as an HMAC secret has nothing to be checked against. Keys come from the provider's
 * key set alone; keys or key URLs in the token's header ({@code jwk}, {@code jku}, {@code x5u}) are ignored.
 */
final class SignatureCheck {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private SignatureCheck() {
    }

    /**
     * The keys of the set that could have made a signature with this header. Without a {@code kid}, only a set with
     * exactly one such key answers (OpenID Connect requires a {@code kid} whenever there are several).
     */
    static List<JWK> candidates(JWKSet set, JWSHeader header) {
        JWSAlgorithm algorithm = header.getAlgorithm();
        String kid = header.getKeyID();
        List<JWK> found = new ArrayList<>(2);
        for (JWK key : set.getKeys()) {
            if ((kid == null || kid.equals(key.getKeyID())) && fits(key, algorithm)) {
                found.add(key);
            }
        }
        return kid == null && found.size() > 1 ? List.of() : found;
    }

    private static boolean fits(JWK key, JWSAlgorithm algorithm) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())
                || key.getAlgorithm() != null && !algorithm.equals(key.getAlgorithm())
                || key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        if (key instanceof RSAKey) {
            return JWSAlgorithm.Family.RSA.contains(algorithm);
        }
        if (key instanceof ECKey ecKey) {
            Set<Curve> curves = Curve.forJWSAlgorithm(algorithm);
            return curves != null && curves.contains(ecKey.getCurve());
        }
        return false;
    }

    /** Whether the key verifies the token's signature; any failure to even try counts as no. */
    static boolean verifies(SignedJWT token, JWK key) {
        try {
            JWSVerifier verifier = key instanceof RSAKey rsaKey ? new RSASSAVerifier(rsaKey)
                    : new ECDSAVerifier((ECKey) key);
            return token.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}

package dev.mwaalogin.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;

/** Signing keys generated once per test run, and tokens signed with them. */
final class TestKeys {

    static final RSAKey RSA = rsa("rsa-1");
    static final RSAKey OTHER_RSA = rsa("rsa-2");
    static final ECKey EC_256 = ec(Curve.P_256, "ec-256");
    static final ECKey EC_384 = ec(Curve.P_384, "ec-384");
    static final ECKey EC_521 = ec(Curve.P_521, "ec-521");

    private TestKeys() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims an ID token for this client would carry, valid around {@code now}. */
    static JWTClaimsSet.Builder idClaims(String issuer, String clientId, Instant now, String nonce) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("user-123").audience(clientId)
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("nonce", nonce).claim("email", "user@example.com");
    }

    /** Signed with the key under its own kid. */
    static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

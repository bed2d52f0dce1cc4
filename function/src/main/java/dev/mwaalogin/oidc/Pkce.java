package dev.mwaalogin.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method: a secret verifier kept by this function (in the
 * sealed state cookie) and its hash, the challenge, sent with the authorization request. A stolen code is useless
 * without the verifier.
 */
public final class Pkce {

    public static final String METHOD = "S256";

    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final String verifier;

    private Pkce(String verifier) {
        this.verifier = verifier;
    }

    /** A new verifier of 32 random bytes (43 characters), as RFC 7636 recommends. */
    public static Pkce generate() {
        return new Pkce(Randoms.base64url(32));
    }

    /**
     * A verifier read back, e.g. from the state cookie.
     *
     * @throws IllegalArgumentException when it is not 43-128 unreserved characters
     */
    public static Pkce fromVerifier(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("A PKCE verifier is 43-128 characters of A-Z a-z 0-9 - . _ ~");
        }
        return new Pkce(verifier);
    }

    public String verifier() {
        return verifier;
    }

    /** {@code BASE64URL(SHA256(ASCII(verifier)))}, unpadded. */
    public String challenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[S256]";
    }
}

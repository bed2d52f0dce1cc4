package dev.mwaalogin.oidc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 keys for {@link CookieSeal}, derived from configured secrets with HKDF-SHA256 (RFC 5869). The purpose is
 * HKDF's "info", so one secret gives unrelated keys for unrelated cookies.
 */
final class CookieKeys {

    static final int MIN_SECRET_BYTES = 32;
    private static final byte[] SALT = "mwaa-login cookie seal".getBytes(StandardCharsets.UTF_8);

    private CookieKeys() {
    }

    static List<SecretKey> derive(String purpose, List<byte[]> secrets) {
        if (purpose == null || !purpose.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("The purpose must be a short label of letters, digits, '.', '_', '-'");
        }
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("At least one secret is needed");
        }
        List<SecretKey> keys = new ArrayList<>(secrets.size());
        for (byte[] secret : secrets) {
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("Each secret must have at least " + MIN_SECRET_BYTES + " bytes");
            }
            keys.add(new SecretKeySpec(hkdf(secret, purpose.getBytes(StandardCharsets.UTF_8)), "AES"));
        }
        return List.copyOf(keys);
    }

    /** HKDF-SHA256 with a 32-byte output: one expand block. */
    static byte[] hkdf(byte[] secret, byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(secret);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            byte[] key = mac.doFinal();
            Arrays.fill(pseudoRandomKey, (byte) 0);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

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
            keys.add(new SecretKeySpec(hkdf(SALT, secret, purpose.getBytes(StandardCharsets.UTF_8), 32), "AES"));
        }
        return List.copyOf(keys);
    }

    /** HKDF-SHA256 (RFC 5869): extract with the salt, then expand with the info to {@code length} bytes. */
    static byte[] hkdf(byte[] salt, byte[] secret, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // RFC 5869: no salt means a block of zeros (which SecretKeySpec needs spelled out).
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(secret);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            Arrays.fill(pseudoRandomKey, (byte) 0);
            byte[] output = new byte[length];
            byte[] block = new byte[0];
            for (int done = 0, counter = 1; done < length; done += block.length, counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                System.arraycopy(block, 0, output, done, Math.min(block.length, length - done));
            }
            return output;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

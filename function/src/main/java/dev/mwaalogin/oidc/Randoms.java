package dev.mwaalogin.oidc;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unpredictable values, drawn when they are needed. A fresh {@link SecureRandom} each time, never one kept in a
 * field: a generator created at init would sit in a SnapStart snapshot, and every restored copy of it could then
 * produce the same values.
 */
final class Randoms {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Randoms() {
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** {@code count} random bytes in unpadded base64url: 32 bytes give 43 characters. */
    static String base64url(int count) {
        return BASE64URL.encodeToString(bytes(count));
    }
}

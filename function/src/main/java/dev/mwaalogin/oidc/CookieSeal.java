package dev.mwaalogin.oidc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a small map of strings into a cookie value that only this function can read and nobody can alter:
 * AES-256-GCM with a fresh random 96-bit IV each time, unpadded base64url.
 *
 * <p>One instance per purpose ({@code "state"}, {@code "session"}...). The purpose picks the key
 * ({@link CookieKeys}) and is bound into the authenticated data, and the expiry is sealed with the payload, so a
 * value sealed for one purpose opens for no other, and a copied cookie stops opening when it expires whatever the
 * browser does. {@link #open} returns empty for anything it cannot vouch for, and never throws. Thread-safe.
 *
 * <p>Layout: {@code version(1) | iv(12) | AES-GCM(expiry seconds(8) | count(2) | (key, value) as modified UTF-8)}.
 */
public final class CookieSeal {

    /** Cookies up to 4096 bytes are safe in every browser; this leaves room for the name and attributes. */
    public static final int MAX_SEALED_CHARS = 3800;

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_SEALED_BYTES = 1 + IV_BYTES + 8 + 2 + TAG_BITS / 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] associatedData;
    private final List<SecretKey> keys;
    private final Clock clock;

    private CookieSeal(String purpose, List<SecretKey> keys, Clock clock) {
        this.associatedData = ("mwaa-login cookie v" + VERSION + "\0" + purpose).getBytes(StandardCharsets.UTF_8);
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param purpose what the cookie is for, e.g. {@code "state"}; a short ASCII label
     * @param secrets raw secrets of at least 32 bytes each, newest first: sealing uses the first, opening tries
     *                each, so a new secret can be put in front while cookies sealed with the old one still open
     */
    public static CookieSeal create(String purpose, List<byte[]> secrets) {
        return create(purpose, secrets, Clock.systemUTC());
    }

    /** As {@link #create(String, List)}, with the clock that says when a sealed value has expired. */
    public static CookieSeal create(String purpose, List<byte[]> secrets, Clock clock) {
        return new CookieSeal(purpose, CookieKeys.derive(purpose, secrets), clock);
    }

    /**
     * @throws IllegalArgumentException when the sealed value would be longer than {@link #MAX_SEALED_CHARS}, or a
     *                                  key or value is null
     */
    public String seal(Map<String, String> payload, Instant expiresAt) {
        byte[] iv = Randoms.bytes(IV_BYTES);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            sealed = cipher.doFinal(serialize(payload, expiresAt));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        String text = ENCODER.encodeToString(ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv)
                .put(sealed).array());
        if (text.length() > MAX_SEALED_CHARS) {
            throw new IllegalArgumentException("The payload is too large for a cookie");
        }
        return text;
    }

    /** The payload, or empty when the value is not one this sealed for this purpose, was altered, or expired. */
    public Optional<Map<String, String>> open(String sealedText) {
        try {
            byte[] sealed = decode(sealedText);
            if (sealed == null || sealed[0] != VERSION) {
                return Optional.empty();
            }
            for (SecretKey key : keys) {
                byte[] plain = decrypt(key, sealed);
                if (plain != null) {
                    return deserialize(plain);
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] decode(String text) {
        if (text == null || text.length() > MAX_SEALED_CHARS) {
            return null;
        }
        byte[] bytes = DECODER.decode(text);
        // Only the encoding seal produces: no padding, no stray bits, so a changed character never still opens.
        return bytes.length < MIN_SEALED_BYTES || !ENCODER.encodeToString(bytes).equals(text) ? null : bytes;
    }

    private byte[] decrypt(SecretKey key, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static byte[] serialize(Map<String, String> payload, Instant expiresAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(expiresAt.getEpochSecond());
            if (payload.size() > MAX_SEALED_CHARS) {
                throw new IllegalArgumentException("The payload is too large for a cookie");
            }
            out.writeShort(payload.size());
            for (Map.Entry<String, String> entry : payload.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new IllegalArgumentException("Payload keys and values must not be null");
                }
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        } catch (IOException e) {
            // writeUTF refuses a string over 64 KB, far beyond what fits in a cookie anyway.
            throw new IllegalArgumentException("The payload is too large for a cookie", e);
        }
        return bytes.toByteArray();
    }

    private Optional<Map<String, String>> deserialize(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (!clock.instant().isBefore(Instant.ofEpochSecond(in.readLong()))) {
                return Optional.empty();
            }
            int count = in.readUnsignedShort();
            Map<String, String> payload = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                payload.put(in.readUTF(), in.readUTF());
            }
            return in.available() == 0 ? Optional.of(Collections.unmodifiableMap(payload)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

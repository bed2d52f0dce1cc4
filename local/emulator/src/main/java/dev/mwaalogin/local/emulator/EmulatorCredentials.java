package dev.mwaalogin.local.emulator;

import java.util.Objects;

/**
 * A credential the emulator accepts: the key pair a client signs with, the session token it must send when the
 * pair is temporary, and the IAM identity MWAA reports for it ({@code IamIdentity} in CreateWebLoginToken).
 *
 * @param accessKeyId     e.g. {@code AKIAMWAALOGINLOCAL01}
 * @param secretAccessKey the signing secret; never printed (see {@link #toString()})
 * @param sessionToken    the {@code X-Amz-Security-Token} a request must carry, or null for long-term keys
 * @param iamIdentity     e.g. {@code assumed-role/mwaa-login-function/local}
 */
public record EmulatorCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
                                  String iamIdentity) {

    /** The access key id every emulator accepts, for tests and local tools. A fake: it works nowhere else. */
    public static final String DEFAULT_ACCESS_KEY_ID = "AKIAMWAALOGINLOCAL01";

    /** The secret that goes with {@link #DEFAULT_ACCESS_KEY_ID}. A fake: it works nowhere else. */
    public static final String DEFAULT_SECRET_ACCESS_KEY = "mwaaLoginLocalEmulatorFakeSecretKey00001";

    /** The IAM identity the emulator reports for the default pair. */
    public static final String DEFAULT_IAM_IDENTITY = "assumed-role/mwaa-login-local/demo";

    /** The default long-term pair. */
    public static final EmulatorCredentials DEFAULT =
            new EmulatorCredentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, null, DEFAULT_IAM_IDENTITY);

    public EmulatorCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(iamIdentity, "iamIdentity");
        if (accessKeyId.isBlank() || secretAccessKey.isEmpty() || iamIdentity.isBlank()) {
            throw new IllegalArgumentException("access key id, secret and IAM identity must not be empty");
        }
    }

    /** A long-term pair (no session token). */
    public static EmulatorCredentials of(String accessKeyId, String secretAccessKey, String iamIdentity) {
        return new EmulatorCredentials(accessKeyId, secretAccessKey, null, iamIdentity);
    }

    /** Leaves out the secret and the session token, so logging a credential leaks nothing. */
    @Override
    public String toString() {
        return "EmulatorCredentials[" + accessKeyId + " as " + iamIdentity
                + (sessionToken == null ? "" : ", temporary") + "]";
    }
}

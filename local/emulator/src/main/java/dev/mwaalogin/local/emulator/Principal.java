package dev.mwaalogin.local.emulator;

import java.time.Instant;

/**
 * Someone who can sign requests to the emulator: a credential registered on the builder (the function's own role,
 * trusted to assume roles, read environments and secrets), or a session STS issued for an {@link IamRole}.
 *
 * @param credentials the key pair, session token and IAM identity
 * @param grant       what MWAA lets this identity sign in as, and where
 * @param expiration  when a session's credentials stop working; null for registered credentials
 * @param role        the role a session was issued for; null for registered credentials
 */
record Principal(EmulatorCredentials credentials, MwaaGrant grant, Instant expiration, IamRole role) {

    static Principal registered(EmulatorCredentials credentials, MwaaGrant grant) {
        return new Principal(credentials, grant, null, null);
    }

    /** Registered on the builder, rather than issued by the emulator's STS. */
    boolean registered() {
        return role == null;
    }

    boolean expiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }

    /**
     * The caller's ARN as AWS names it in an AccessDenied message: {@code arn:aws:sts::<account>:assumed-role/R/S}
     * for role sessions, {@code arn:aws:iam::<account>:user/U} and the like otherwise.
     */
    String arn(String account) {
        String identity = credentials.iamIdentity();
        return (identity.startsWith("assumed-role/") ? "arn:aws:sts::" : "arn:aws:iam::") + account + ":" + identity;
    }

    @Override
    public String toString() {
        return "Principal[" + credentials + (role == null ? "" : " of " + role.arn()) + "]";
    }
}

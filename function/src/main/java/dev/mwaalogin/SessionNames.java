package dev.mwaalogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a person into the STS session name (and {@code SourceIdentity}) that MWAA makes their Airflow user of:
 * {@code assumed-role/<role-name>/<session-name>}, which MWAA keeps to 64 characters.
 *
 * <p>A person that STS accepts as is and that fits stays exactly as given ({@code alice@example.com}). Anything else
 * keeps its valid characters and gets a hash of the original appended, so the same person always becomes the same
 * Airflow user and two people never become one: {@code Zoë Ng} and {@code Zo-Ng} differ.
 */
final class SessionNames {

    /** MWAA's limit for an Airflow user name. */
    static final int AIRFLOW_USER_MAX = 64;
    /** STS's limits for RoleSessionName and SourceIdentity. */
    static final int STS_MIN = 2;
    static final int STS_MAX = 64;

    private static final String ASSUMED_ROLE = "assumed-role/";
    private static final int HASH_CHARS = 8;

    private SessionNames() {
    }

    /** The longest session name that keeps {@code assumed-role/<roleName>/<session>} within MWAA's 64 characters. */
    static int maxLengthFor(String roleName) {
        return Math.min(STS_MAX, AIRFLOW_USER_MAX - ASSUMED_ROLE.length() - roleName.length() - 1);
    }

    /**
     * The session name for a person.
     *
     * @param maxLength at least 10, see {@link #maxLengthFor}
     */
    static String of(String person, int maxLength) {
        StringBuilder safe = new StringBuilder(Math.min(person.length(), maxLength));
        for (int i = 0; i < person.length() && safe.length() < maxLength; i++) {
            char c = person.charAt(i);
            safe.append(isAllowed(c) ? c : '-');
        }
        String kept = safe.toString();
        if (kept.equals(person) && kept.length() >= STS_MIN) {
            return kept;
        }
        String prefix = kept.substring(0, Math.min(kept.length(), maxLength - HASH_CHARS - 1));
        return prefix + "-" + hash(person);
    }

    /** STS's pattern for both names: {@code [\w+=,.@-]}, ASCII word characters only. */
    static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
    }

    private static String hash(String person) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(person.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(HASH_CHARS);
            for (int i = 0; i < HASH_CHARS / 2; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

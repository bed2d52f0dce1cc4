package dev.mwaalogin.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a person into the STS session name (and {@code SourceIdentity}) that MWAA makes their Airflow user of:
 * {@code assumed-role/<role-name>/<session-name>}, which MWAA keeps to 64 characters.
 *
 * <p>Two different people never become one Airflow user, by construction. Airflow finds its users ignoring case, so
 * "one user" means equal after lower-casing. A person is kept exactly as given only when it is one STS accepts, fits,
 * has no upper-case letter, and does not look like a hashed name ({@code alice@example.com}). Anyone else becomes
 * their valid characters cut to fit, {@code -}, and 16 hex digits (64 bits) of a SHA-256 of the person itself: the
 * hashed shape, which no kept name has. So a kept name equals only itself, whatever its case; two hashed names are
 * equal only when their hashes are, which for different people takes a SHA-256 collision in 64 bits. {@code Zoë Ng},
 * {@code Zo--Ng}, {@code Zo--Ng-} followed by Zoë's hash, and {@code ZOË NG} are four Airflow users.
 */
final class SessionNames {

    /** MWAA's limit for an Airflow user name. */
    static final int AIRFLOW_USER_MAX = 64;
    /** STS's limits for RoleSessionName and SourceIdentity. */
    static final int STS_MIN = 2;
    static final int STS_MAX = 64;
    /** 64 bits of the hash, as lower-case hex. */
    static final int HASH_CHARS = 16;
    /** The shortest name the role leaves room for: one readable character, the '-' and the hash. */
    static final int MIN_LENGTH = 1 + 1 + HASH_CHARS;

    private static final String ASSUMED_ROLE = "assumed-role/";

    private SessionNames() {
    }

    /** The longest session name that keeps {@code assumed-role/<roleName>/<session>} within MWAA's 64 characters. */
    static int maxLengthFor(String roleName) {
        return Math.min(STS_MAX, AIRFLOW_USER_MAX - ASSUMED_ROLE.length() - roleName.length() - 1);
    }

    /** The longest IAM role name that leaves {@link #MIN_LENGTH} characters for the person. */
    static int maxRoleNameLength() {
        return AIRFLOW_USER_MAX - ASSUMED_ROLE.length() - 1 - MIN_LENGTH;
    }

    /**
     * The session name for a person.
     *
     * @param person    who, never empty
     * @param maxLength at least {@link #MIN_LENGTH}, see {@link #maxLengthFor}
     */
    static String of(String person, int maxLength) {
        if (isKept(person, maxLength)) {
            return person;
        }
        int room = maxLength - HASH_CHARS - 1;
        StringBuilder name = new StringBuilder(maxLength);
        for (int i = 0; i < person.length() && name.length() < room; i++) {
            char c = person.charAt(i);
            name.append(isAllowed(c) ? c : '-');
        }
        return name.append('-').append(hash(person)).toString();
    }

    /**
     * Whether a person is its own session name: STS's characters only, within the limits, no upper-case letter (so
     * it equals its own lower case), and not of the hashed shape (so no hashed name can equal it).
     */
    static boolean isKept(String person, int maxLength) {
        if (person.length() < STS_MIN || person.length() > maxLength || hasHashedShape(person)) {
            return false;
        }
        for (int i = 0; i < person.length(); i++) {
            char c = person.charAt(i);
            if (!isAllowed(c) || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** Ends in '-' and 16 lower-case hex digits: what every hashed name ends in. */
    static boolean hasHashedShape(String name) {
        int dash = name.length() - HASH_CHARS - 1;
        if (dash < 0 || name.charAt(dash) != '-') {
            return false;
        }
        for (int i = dash + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** STS's pattern for both names: {@code [\w+=,.@-]}, ASCII word characters only. */
    static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
    }

    /**
     * 16 hex digits of SHA-256 over the person's UTF-16 code units, big-endian, taken as they are: every Java string
     * hashes as itself, even one with a lone surrogate, which a charset encoder would have replaced with the same
     * character as a real '?' or U+FFFD.
     */
    static String hash(String person) {
        byte[] units = new byte[person.length() * 2];
        for (int i = 0; i < person.length(); i++) {
            char c = person.charAt(i);
            units[2 * i] = (byte) (c >> 8);
            units[2 * i + 1] = (byte) c;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(units);
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

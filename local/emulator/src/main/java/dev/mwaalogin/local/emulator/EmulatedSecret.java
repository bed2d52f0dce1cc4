package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Secrets Manager secret the emulator serves, with the one version {@code AWSCURRENT}. Its ARN suffix and version
 * id are derived from its name, so they stay the same across restarts; the value is never in {@link #toString()}.
 *
 * @param name      e.g. {@code mwaa-login/oidc-client}
 * @param arn       {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>}
 * @param value     the SecretString
 * @param versionId a UUID
 * @param createdAt when the emulator was built
 */
record EmulatedSecret(String name, String arn, String value, String versionId, Instant createdAt) {

    /** Secrets Manager's name characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    /**
     * The shortest value the emulator takes: the build's secret scan looks for every value in test output, and a
     * shorter one would turn up in innocent lines.
     */
    static final int MIN_VALUE_LENGTH = 8;

    private static final char[] SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    EmulatedSecret {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_VALUE_LENGTH) {
            throw new IllegalArgumentException("secret " + name + ": values must have at least " + MIN_VALUE_LENGTH
                    + " characters, so the build's secret scan can look for them without false alarms");
        }
    }

    static EmulatedSecret of(String name, String value, AwsAccount account, Instant createdAt) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Secrets Manager secret name (" + NAME.pattern() + "): " + name);
        }
        byte[] seed = (account.region() + "/" + account.id() + "/" + name).getBytes(StandardCharsets.UTF_8);
        String digest = SigV4Signature.sha256Hex(seed);
        StringBuilder suffix = new StringBuilder("-");
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARS[Integer.parseInt(digest.substring(2 * i, 2 * i + 2), 16) % SUFFIX_CHARS.length]);
        }
        return new EmulatedSecret(name, account.secretArn(name + suffix), value,
                UUID.nameUUIDFromBytes(seed).toString(), createdAt);
    }

    @Override
    public String toString() {
        return "EmulatedSecret[" + arn + "]";
    }
}

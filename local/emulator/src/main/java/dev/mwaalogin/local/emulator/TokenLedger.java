package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every secret the emulator hands out to a file, one per line, so that a build can afterwards prove that
 * none of them reached a log or a test report (see {@code SecretScan}): web login tokens, the secret keys and session
 * tokens its STS issues, and the values of its Secrets Manager secrets. Off unless configured: the file holds live
 * (if fake) secrets and belongs under {@code target/}, never in a log folder that is itself scanned.
 *
 * <p>Local tools and tests record other secrets they make or see in the same ledger ({@link #configured()}): the
 * local sign-in's session key, the cookies and tokens of a sign-in, so the scan looks for those too.
 */
public final class TokenLedger {

    /** Records nothing. */
    static final TokenLedger NONE = new TokenLedger(null);

    private final Path file;

    private TokenLedger(Path file) {
        this.file = file;
    }

    /**
     * The ledger named by the system property {@value MwaaEmulator#TOKEN_LEDGER_PROPERTY} (the build sets it for
     * tests), or one that records nothing.
     */
    public static TokenLedger configured() {
        String file = System.getProperty(MwaaEmulator.TOKEN_LEDGER_PROPERTY);
        return file == null || file.isBlank() ? NONE : at(Path.of(file));
    }

    /** A ledger appending to {@code file} (created with its folders), or {@link #NONE} for null. */
    static TokenLedger at(Path file) {
        if (file == null) {
            return NONE;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the token ledger's folder for " + file, e);
        }
        return new TokenLedger(file);
    }

    /** Records a secret; one with line breaks (a PEM key, say) as each of its non-blank lines. */
    public void record(String secret) {
        if (file == null) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        secret.lines().filter(line -> !line.isBlank()).forEach(line -> lines.append(line).append('\n'));
        // One short append per secret, serialised across every emulator in this JVM.
        synchronized (TokenLedger.class) {
            try {
                Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the token ledger " + file, e);
            }
        }
    }
}

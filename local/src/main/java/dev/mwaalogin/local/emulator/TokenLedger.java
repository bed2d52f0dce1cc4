package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every web login token the emulator mints to a file, one per line, so that a build can afterwards prove
 * that none of them reached a log or a test report (see {@code SecretScan}). Off unless configured: the file holds
 * live (if fake) tokens and belongs under {@code target/}, never in a log folder that is itself scanned.
 */
final class TokenLedger {

    /** Records nothing. */
    static final TokenLedger NONE = new TokenLedger(null);

    private final Path file;

    private TokenLedger(Path file) {
        this.file = file;
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

    void record(String token) {
        if (file == null) {
            return;
        }
        // One short append per token, serialised across every emulator in this JVM; tokens are URL-safe, no newline.
        synchronized (TokenLedger.class) {
            try {
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the token ledger " + file, e);
            }
        }
    }
}

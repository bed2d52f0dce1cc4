package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenLedgerTest {

    @TempDir
    Path dir;

    @Test
    void everyIssuedTokenIsAppendedOnItsOwnLine() throws IOException {
        Path file = dir.resolve("nested/tokens.ledger");
        LoginTokenStore store = new LoginTokenStore(Clock.systemUTC(), Duration.ofSeconds(60), TokenLedger.at(file));
        String first = store.issue("demo", "me", "Viewer");
        String second = store.issue("demo", "me", "Viewer");
        assertEquals(List.of(first, second), Files.readAllLines(file));
        // A second store on the same file appends instead of truncating.
        String third = new LoginTokenStore(Clock.systemUTC(), Duration.ofSeconds(60), TokenLedger.at(file))
                .issue("demo", "me", "Viewer");
        assertEquals(List.of(first, second, third), Files.readAllLines(file));
    }

    @Test
    void noLedgerWritesNothing() {
        new LoginTokenStore(Clock.systemUTC(), Duration.ofSeconds(60), TokenLedger.at(null))
                .issue("demo", "me", "Viewer");
        assertFalse(Files.exists(dir.resolve("nested")));
    }
}

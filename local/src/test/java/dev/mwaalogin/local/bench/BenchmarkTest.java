package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

    @Test
    void replacesWhatIsBetweenTheMarkersAndNothingElse(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("doc.md"), "before\n<!-- a -->\nold\n<!-- b -->\nafter\n");
        Benchmark.replaceBetween(file, "<!-- a -->", "<!-- b -->", "new\nlines");
        assertEquals("before\n<!-- a -->\nnew\nlines\n<!-- b -->\nafter\n", Files.readString(file));
    }

    @Test
    void refusesAFileWhoseMarkersAreMissingOutOfOrderOrTwice(@TempDir Path dir) throws IOException {
        for (String text : new String[] {"no markers", "<!-- b --> <!-- a -->",
            "<!-- a --> x <!-- b --> [<!-- a --> y <!-- b -->]"}) {
            Path file = Files.writeString(dir.resolve("doc.md"), text);
            assertThrows(IllegalStateException.class,
                    () -> Benchmark.replaceBetween(file, "<!-- a -->", "<!-- b -->", "new"), text);
            assertEquals(text, Files.readString(file), "left as it was");
        }
    }
}

package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiBenchTest {

    @Test
    void aRunReplacesOnlyWhatLiesBetweenTheMarkers(@TempDir Path dir) throws IOException {
        Path document = dir.resolve("BENCHMARKS.md");
        Files.writeString(document, "before\n" + ApiBench.START + "\nold rows\n" + ApiBench.END + "\nafter\n");
        ApiBench.write(document, "| new | rows |\n");
        assertEquals("before\n" + ApiBench.START + "\n| new | rows |\n" + ApiBench.END + "\nafter\n",
                Files.readString(document));
    }

    @Test
    void aDocumentWithoutTheSectionIsLeftAlone(@TempDir Path dir) throws IOException {
        Path document = dir.resolve("BENCHMARKS.md");
        Files.writeString(document, "no markers\n");
        assertThrows(IOException.class, () -> ApiBench.write(document, "rows"));
        assertEquals("no markers\n", Files.readString(document));
    }
}

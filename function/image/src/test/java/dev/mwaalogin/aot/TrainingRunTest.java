package dev.mwaalogin.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training fails at once, naming why, when its JVM cannot start, instead of waiting for answers that never come. */
class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    void aTrainingJvmThatExitsBeforeAnsweringFailsTheTrainingAtOnce() {
        long started = System.nanoTime();
        TrainingRun.TrainingFailed failed = assertThrows(TrainingRun.TrainingFailed.class,
                () -> TrainingRun.train(dir, dir.resolve("cache.aot"), List.of("sh", "-c", "exit 3", "handler")));
        assertEquals("the training JVM exited with status 3 before answering", failed.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "not the 120 s answer timeout");
    }
}

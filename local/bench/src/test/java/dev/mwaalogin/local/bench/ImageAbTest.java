package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image A/B: the entrypoint's command per task root, and ratios taken round by round. */
class ImageAbTest {

    @Test
    void eachTaskRootRunsAsTheImagesEntrypoint() {
        assertEquals(List.of("/jdk/bin/java", "@/task/jvm.args", "dev.mwaalogin.lambda.HttpApiHandler::handleRequest"),
                ImageAb.command(Path.of("/jdk/bin/java"), Path.of("/task")));
    }

    @Test
    void ratiosAreTakenRoundByRound() {
        Samples samples = new Samples();
        double[][] rounds = {{400, 380}, {800, 760}, {410, 390}};
        for (double[] round : rounds) {
            samples.add("0", round[0]);
            samples.add("0init", round[0] / 2);
            samples.add("0cpu", round[0]);
            samples.add("1", round[1]);
            samples.add("1init", round[1] / 2);
            samples.add("1cpu", round[1] * 0.9);
        }
        String table = ImageAb.table(samples, List.of(Path.of("/before"), Path.of("/after")), 3);
        assertTrue(table.contains("| /after | 390 ms | 195 ms | 351 ms | 0.950 (0.950–0.951) | 0.855 (0.855–0.856) |"),
                table);
        assertTrue(table.contains("| /before | 410 ms | 205 ms | 410 ms | 1.000 (1.000–1.000) |"), table);
    }

    @Test
    void theRequestsAfterAColdStartAreMediansPerRoundThenAcrossRounds() {
        Samples after = new Samples();
        double[][] rounds = {{9, 6, 5}, {7, 5, 4}, {30, 20, 10}};
        for (double[] round : rounds) {
            after.add("0r2", round[0]);
            after.add("0r11", round[1]);
            after.add("0r101", round[2]);
        }
        String table = ImageAb.requestsTable(after, List.of(Path.of("/task")), 400);
        assertTrue(table.contains("| task root | requests 2–10 | 11–100 | 101–400 |"), table);
        assertTrue(table.contains("| /task | 9.00 ms (7.00–30.00) | 6.00 ms (5.00–20.00) | 5.00 ms (4.00–10.00) |"),
                table);
    }
}

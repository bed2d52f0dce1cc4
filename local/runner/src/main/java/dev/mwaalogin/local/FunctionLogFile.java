package dev.mwaalogin.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Keeps a copy of every line a local execution environment of the function writes, one file per environment, in
 * the folder named by the system property {@value #PROPERTY}. The build sets it for tests so that its secret scan
 * sees the function's own log lines whatever a test does with them; unset, nothing is written.
 */
final class FunctionLogFile {

    static final String PROPERTY = "mwaa.login.functionLogs";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private FunctionLogFile() {
    }

    /** {@code logs}, plus a copy of each line in a new file when the property is set. */
    static Consumer<String> tee(String functionLogicalId, Consumer<String> logs) throws IOException {
        String folder = System.getProperty(PROPERTY);
        if (folder == null || folder.isBlank()) {
            return logs;
        }
        Path dir = Files.createDirectories(Path.of(folder));
        Path file = dir.resolve(functionLogicalId + "-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + ".log");
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return line -> {
            synchronized (writer) {
                try {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy a function log line to " + file, e);
                }
            }
            logs.accept(line);
        };
    }
}

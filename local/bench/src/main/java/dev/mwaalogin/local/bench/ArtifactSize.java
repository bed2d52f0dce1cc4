package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The size of the zip {@code sam deploy} would upload: the task root ({@code sam build}'s output), deflated. */
final class ArtifactSize {

    private ArtifactSize() {
    }

    static long zippedBytes(Path taskRoot) throws IOException {
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            for (Path file : TaskRoot.files(taskRoot)) {
                zip.putNextEntry(new ZipEntry(taskRoot.relativize(file).toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

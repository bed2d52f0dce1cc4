package dev.mwaalogin.aot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Takes AWS's runtime interface client's JNI library for this machine out of the client's jar once, at image build
 * time. Unless a system property names the library, the client copies it out of its jar into {@code /tmp} on every
 * start (about 0.8 MB inflated and written) before loading it; {@code aot-train} puts this copy in the task root and
 * names it with that property. Prints that option ({@code -D<property>=<path>}), or nothing where the jar has none for this machine (the
 * client then does as before). Usage: {@code JniLibrary <runtime client jar> <folder>}.
 */
public final class JniLibrary {

    /** The system property the runtime client reads before extracting its library. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private JniLibrary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JniLibrary <runtime client jar> <folder>");
            System.exit(2);
        }
        Optional<String> entry = entry(System.getProperty("os.arch"), Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
                || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1")));
        if (entry.isEmpty()) {
            return;
        }
        Path library = Path.of(args[1]).toAbsolutePath().resolve("libaws-lambda-jni.so");
        try (JarFile jar = new JarFile(args[0])) {
            ZipEntry found = jar.getEntry(entry.get());
            if (found == null) {
                return;
            }
            try (InputStream in = jar.getInputStream(found)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("-D" + PROPERTY + "=" + library);
    }

    /** The jar entry of the library for a JVM's {@code os.arch} and C library, as the client names them. */
    static Optional<String> entry(String arch, boolean musl) {
        String platform = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> null;
        };
        return Optional.ofNullable(platform)
                .map(p -> "jni/libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + p + ".so");
    }
}

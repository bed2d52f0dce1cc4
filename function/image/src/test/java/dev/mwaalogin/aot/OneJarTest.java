package dev.mwaalogin.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's one jar resolves every entry as the class path of its jars, in order, would. */
class OneJarTest {

    @TempDir
    Path dir;

    @Test
    void theFirstJarHoldingAnEntryWinsAndServiceFilesAreJoined() throws IOException {
        Path function = jar("function.jar", Map.of(
                "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class", "the function's table",
                "dev/mwaalogin/Handler.class", "handler"));
        Path sdk = jar("sdk.jar", Map.of(
                "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class", "the SDK's table",
                "META-INF/services/software.amazon.awssdk.http.SdkHttpService", "a.Http\n",
                "META-INF/LICENSE", "SDK licence", "META-INF/SDK.SF", "signature"));
        Path client = jar("client.jar", Map.of(
                "META-INF/services/software.amazon.awssdk.http.SdkHttpService", "# another\nb.Http",
                "META-INF/LICENSE", "client licence", "META-INF/versions/9/module-info.class", "module"));

        OneJar.write(dir.resolve("one.jar"), List.of(function, sdk, client));

        try (JarFile one = new JarFile(dir.resolve("one.jar").toFile())) {
            assertEquals("the function's table",
                    read(one, "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class"));
            assertEquals("handler", read(one, "dev/mwaalogin/Handler.class"));
            assertEquals("a.Http\n# another\nb.Http\n",
                    read(one, "META-INF/services/software.amazon.awssdk.http.SdkHttpService"));
            assertEquals("SDK licence", read(one, "META-INF/LICENSE"));
            assertEquals("client licence", read(one, "META-INF/client/LICENSE"), "a later licence kept apart");
            assertNull(one.getEntry("META-INF/SDK.SF"), "signatures of a jar that no longer exists");
            assertNull(one.getEntry("META-INF/versions/9/module-info.class"), "never read on a class path");
            assertEquals("1.0", one.getManifest().getMainAttributes().getValue("Manifest-Version"));
        }
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String read(JarFile jar, String name) throws IOException {
        try (var in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

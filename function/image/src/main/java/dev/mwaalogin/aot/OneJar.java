package dev.mwaalogin.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the image's class path as one jar: the function's jar, its libraries and the runtime client, in that order.
 * With its classes in the AOT cache, a cold start still opens the class path's jars for resources: the runtime
 * client's first {@code Security.setProperty} makes the JDK look for a {@code System.LoggerFinder} service on the
 * whole class path, which opened all forty jars and read their directories. One jar is opened once.
 *
 * <p>An entry is taken from the first jar that holds it, as a class path would resolve it (the function's own copies
 * of the SDK's region and service tables come first). Service files ({@code META-INF/services/}) of every jar are
 * joined, as {@code ServiceLoader} reads all of them on a class path. A later jar's other {@code META-INF/} files
 * (licences, notices) are kept under {@code META-INF/<jar name>/}. Manifests, signatures and versioned
 * {@code module-info} classes are dropped: on a class path none of them is read. Usage:
 * {@code OneJar <output jar> <jar>...}.
 */
public final class OneJar {

    private static final String SERVICES = "META-INF/services/";

    private OneJar() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: OneJar <output jar> <jar>...");
            System.exit(2);
        }
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        write(Path.of(args[0]), jars);
    }

    /** Merges {@code jars} into {@code output}, as described above; returns how many entries it holds. */
    static int write(Path output, List<Path> jars) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, StringBuilder> services = new LinkedHashMap<>();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(output);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            written.add(JarFile.MANIFEST_NAME);
            for (Path jar : jars) {
                String jarName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                try (JarFile in = new JarFile(jar.toFile(), false)) {
                    for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || dropped(name)) {
                            continue;
                        }
                        if (name.startsWith(SERVICES)) {
                            String lines;
                            try (InputStream stream = in.getInputStream(entry)) {
                                lines = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                            }
                            services.computeIfAbsent(name, n -> new StringBuilder()).append(lines.strip()).append('\n');
                            continue;
                        }
                        String target = name;
                        if (written.contains(name)) {
                            if (!name.startsWith("META-INF/")) {
                                continue;
                            }
                            target = "META-INF/" + jarName + "/" + name.substring("META-INF/".length());
                        }
                        if (written.add(target)) {
                            copy(in, entry, target, out);
                        }
                    }
                }
            }
            for (Map.Entry<String, StringBuilder> service : services.entrySet()) {
                out.putNextEntry(new JarEntry(service.getKey()));
                out.write(service.getValue().toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                written.add(service.getKey());
            }
        }
        return written.size();
    }

    private static boolean dropped(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals(JarFile.MANIFEST_NAME)
                || upper.startsWith("META-INF/VERSIONS/")
                || upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                        || upper.endsWith(".DSA") || upper.endsWith(".EC"))
                || name.equals("module-info.class");
    }

    private static void copy(JarFile in, JarEntry entry, String target, JarOutputStream out) throws IOException {
        JarEntry copy = new JarEntry(target);
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        try (InputStream stream = in.getInputStream(entry)) {
            stream.transferTo(out);
        }
        out.closeEntry();
    }
}

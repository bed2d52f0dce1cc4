package dev.mwaalogin.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on, for the report. */
final class Machine {

    private Machine() {
    }

    static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String java() {
        return "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** The version line of another JDK, e.g. {@code Java 25.0.3+9-LTS (Temurin)}. */
    static String java(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                    String version = line.substring(line.indexOf('=') + 1).replace("\"", "");
                    return "Java " + version + " (" + home.getFileName() + ")";
                }
            }
        } catch (IOException e) {
            // Fall through to the folder's name.
        }
        return "Java at " + home;
    }
}

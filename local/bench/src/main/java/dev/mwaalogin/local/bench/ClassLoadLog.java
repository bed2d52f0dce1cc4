package dev.mwaalogin.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes a JVM loaded, read from its class-loading log ({@code -Xlog:class+load:file=...}, the default
 * decorations): one line per class, e.g. {@code [0.052s][info][class,load] java.lang.Object source: shared objects
 * file}.
 *
 * @param classes the loaded classes' names, in load order
 * @param cached  those of them the JVM took from its CDS archive or AOT cache (source: {@code shared objects file})
 */
record ClassLoadLog(List<String> classes, List<String> cached) {

    private static final String TAG = "[class,load] ";
    private static final String FROM_CACHE = "source: shared objects file";

    ClassLoadLog {
        classes = List.copyOf(classes);
        cached = List.copyOf(cached);
    }

    static ClassLoadLog read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** Lines without the class-load tag (another tag, a wrapped line) are skipped. */
    static ClassLoadLog parse(List<String> lines) {
        List<String> classes = new ArrayList<>();
        List<String> cached = new ArrayList<>();
        for (String line : lines) {
            int tag = line.indexOf(TAG);
            if (tag < 0) {
                continue;
            }
            String rest = line.substring(tag + TAG.length()).strip();
            int space = rest.indexOf(' ');
            String name = space < 0 ? rest : rest.substring(0, space);
            if (!name.isEmpty()) {
                classes.add(name);
                if (rest.contains(FROM_CACHE)) {
                    cached.add(name);
                }
            }
        }
        return new ClassLoadLog(classes, cached);
    }

    int total() {
        return classes.size();
    }

    /** How many loaded classes' names start with the prefix, e.g. {@code com.nimbusds.}. */
    long count(String prefix) {
        return classes.stream().filter(name -> name.startsWith(prefix)).count();
    }

    /** How many of the loaded classes whose names start with the prefix came from the archive or cache. */
    long cachedCount(String prefix) {
        return cached.stream().filter(name -> name.startsWith(prefix)).count();
    }

    /** The loaded classes whose names start with the prefix, without their lambdas' hidden classes. */
    List<String> named(String prefix) {
        return classes.stream().filter(name -> name.startsWith(prefix) && !name.contains("$$Lambda")).toList();
    }
}

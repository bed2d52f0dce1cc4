package dev.mwaalogin.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The function laid out as {@code sam build} lays it out and Lambda unpacks it in {@code /var/task}: compiled
 * classes at the root, runtime jars in {@code lib/}. Assembled from {@code function/target/classes} and
 * {@code function/target/lib}, which {@code mvn package} produces.
 */
public final class TaskRoot {

    private TaskRoot() {
    }

    /**
     * Assembles (or refreshes) the layout under {@code function/target/lambda-task}.
     *
     * @param functionDir the {@code function/} folder of the project
     * @return the task root
     * @throws IllegalStateException when the function has not been built
     */
    public static Path assemble(Path functionDir) {
        Path classes = functionDir.resolve("target/classes");
        Path lib = functionDir.resolve("target/lib");
        if (!Files.isDirectory(classes.resolve("dev")) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("The function is not built: run `mvn -q -DskipTests package` first");
        }
        Path root = functionDir.resolve("target/lambda-task");
        try {
            delete(root);
            copyTree(classes, root);
            copyTree(lib, root.resolve("lib"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The class path Lambda gives the function: the task root's classes, then its {@code lib/} jars. */
    public static String classPath(Path root) {
        return root + java.io.File.pathSeparator + root.resolve("lib") + java.io.File.separator + "*";
    }

    /** Every file under the task root: what a deployment package holds. */
    public static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}

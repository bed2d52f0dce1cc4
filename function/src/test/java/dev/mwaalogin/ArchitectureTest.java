package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape a newcomer relies on, read from the sources' package and import lines: a small root package, packages
 * that depend on each other one way only, in few levels, leaves that stay leaves, priming out of the request path, and
 * no class name used twice.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.mwaalogin";
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.mwaalogin\\.[\\w.]+);",
            Pattern.MULTILINE);

    /** Every class of the function's own code: fully qualified name → its source. */
    private static Map<String, String> sources;

    @BeforeAll
    static void readSources() throws IOException {
        Path base = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(base.resolve(ROOT.replace('.', '/')))) {
            sources = new TreeMap<>();
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String name = base.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                try {
                    sources.put(name, Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertTrue(sources.size() > 40, "read the function's sources from " + base.toAbsolutePath());
    }

    @Test
    void theRootPackageHoldsOnlyTheRequestPathsMiddle() {
        List<String> root = sources.keySet().stream().filter(c -> packageOf(c).equals(ROOT)).toList();
        assertTrue(root.size() <= 10, "at most 10 files in " + ROOT + ": " + root);
    }

    @Test
    void packagesDependOnEachOtherOneWayInAtMostEightLevels() {
        Map<String, Set<String>> graph = packageGraph();
        Map<String, Integer> levels = new HashMap<>();
        for (String pkg : graph.keySet()) {
            level(pkg, graph, levels, new ArrayList<>());
        }
        int deepest = levels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(deepest >= 3, "the graph was read: " + graph);
        assertTrue(deepest <= 8, "at most 8 levels, found " + deepest + ": " + graph);
    }

    @Test
    void oidcAndInternalAreLeaves() {
        Map<String, Set<String>> graph = packageGraph();
        assertEquals(Set.of(), graph.get(ROOT + ".oidc"), "oidc knows nothing of the rest of the function");
        assertEquals(Set.of(), graph.get(ROOT + ".internal"), "internal knows nothing of the rest of the function");
        assertEquals(Set.of(), graph.get(ROOT + ".settings"));
    }

    @Test
    void onlyTheEntryKnowsAboutPriming() {
        Set<String> users = new TreeSet<>();
        packageGraph().forEach((pkg, deps) -> {
            if (deps.contains(ROOT + ".priming")) {
                users.add(pkg);
            }
        });
        assertEquals(Set.of(ROOT + ".lambda"), users, "packages that import priming");
    }

    @Test
    void noClassNameIsUsedTwice() {
        Map<String, List<String>> bySimpleName = sources.keySet().stream()
                .collect(Collectors.groupingBy(c -> c.substring(c.lastIndexOf('.') + 1)));
        bySimpleName.values().removeIf(names -> names.size() == 1);
        assertEquals(Map.of(), bySimpleName);
    }

    @Test
    void theCycleCheckSeesACycle() {
        // Positive control for the level walk: a two-package cycle must be reported.
        Map<String, Set<String>> cyclic = Map.of("a", Set.of("b"), "b", Set.of("a"));
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> level("a", cyclic, new HashMap<>(), new ArrayList<>()));
        assertTrue(error.getMessage().contains("a -> b -> a"), error.getMessage());
    }

    /** Package → the other packages of the function its classes import (javadoc-only imports count: they bind too). */
    private static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources.forEach((name, source) -> {
            String pkg = packageOf(name);
            Set<String> deps = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher imported = IMPORT.matcher(source);
            while (imported.find()) {
                String target = packageOf(imported.group(1));
                if (!target.equals(pkg)) {
                    deps.add(target);
                }
            }
        });
        return graph;
    }

    /** The package part of a name: its lower-case segments (nested classes are imported as Outer.Inner). */
    private static String packageOf(String name) {
        return Stream.of(name.split("\\.")).takeWhile(s -> Character.isLowerCase(s.charAt(0)))
                .collect(Collectors.joining("."));
    }

    private static int level(String pkg, Map<String, Set<String>> graph, Map<String, Integer> levels,
                             List<String> path) {
        if (path.contains(pkg)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
            cycle.add(pkg);
            throw new AssertionError("package cycle: " + String.join(" -> ", cycle));
        }
        Integer known = levels.get(pkg);
        if (known != null) {
            return known;
        }
        path.add(pkg);
        int deepest = 0;
        for (String dep : graph.getOrDefault(pkg, Set.of())) {
            deepest = Math.max(deepest, level(dep, graph, levels, path));
        }
        path.remove(path.size() - 1);
        levels.put(pkg, deepest + 1);
        return deepest + 1;
    }
}

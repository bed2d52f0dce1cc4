package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call graph of the compiled function (read with javap), walked from the handler's input: the request reaches the
 * MWAA call through direct calls, one file per hop, and no call made on its way ever comes back into a file it has
 * left. Virtual calls go to every override in the function's own classes (class hierarchy analysis); lambdas and
 * method references to their targets. Priming is not on the request path and is left out.
 */
class RequestPathTest {

    private static final Method ENTRY = new Method("dev.mwaalogin.lambda.ProxyHandler", "handleRequest");
    private static final Method MWAA_CALL = new Method("dev.mwaalogin.aws.MwaaTokens", "mint");
    private static final String PRIMING = "dev.mwaalogin.priming.";

    private static final Pattern TYPE = Pattern.compile(
            "^(?:[a-z]+ )*(?:class|interface) ([\\w.$]+)(?: extends (.+?))?(?: implements (.+?))?$");
    private static final Pattern CALL = Pattern.compile(
            "(invoke\\w+) .*// (?:Interface)?Method (?:([\\w/$]+)\\.)?\"?([\\w$<>]+)\"?:");
    private static final Pattern DYNAMIC = Pattern.compile("invokedynamic .*// InvokeDynamic #(\\d+):");
    private static final Pattern BOOTSTRAP = Pattern.compile("^\\s{2}(\\d+): #\\d+ REF_");
    private static final Pattern HANDLE = Pattern.compile("REF_\\w+ ([\\w/$]+)\\.\"?([\\w$<>]+)\"?:");

    /** Who calls whom directly, and through lambdas or method references. */
    private static final Map<Method, Set<Call>> direct = new HashMap<>();
    private static final Map<Method, Set<Method>> indirect = new HashMap<>();
    private static final Map<String, Set<String>> supertypes = new HashMap<>();

    /** A call as compiled: virtual ones may land in any override, special and static ones only in their target. */
    record Call(Method target, boolean virtual) {
    }

    record Method(String type, String name) {
        String file() {
            int nested = type.indexOf('$');
            return nested < 0 ? type : type.substring(0, nested);
        }

        @Override
        public String toString() {
            return type.substring(type.lastIndexOf('.') + 1) + "." + name;
        }
    }

    @BeforeAll
    static void readTheCompiledFunction() throws IOException {
        Path classes = Path.of("target/classes");
        List<String> names;
        try (Stream<Path> files = Files.walk(classes.resolve("dev/mwaalogin"))) {
            names = files.map(f -> classes.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.replace('/', '.').replaceAll("\\.class$", "")).sorted().toList();
        }
        assertTrue(names.size() > 40, "compiled classes under " + classes.toAbsolutePath());
        List<String> arguments = new ArrayList<>(List.of("-c", "-p", "-v", "-cp", classes.toString()));
        arguments.addAll(names);
        StringWriter out = new StringWriter();
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        assertEquals(0, javap.run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new)),
                "javap failed");
        parse(out.toString());
    }

    private static void parse(String javap) {
        String type = null;
        Method method = null;
        Map<Method, List<Integer>> dynamicCalls = new LinkedHashMap<>();
        Map<Integer, List<Method>> bootstraps = new HashMap<>();
        Integer bootstrap = null;
        for (String line : javap.split("\n")) {
            Matcher declared = TYPE.matcher(withoutTypeArguments(line));
            if (declared.matches()) {
                linkDynamicCalls(dynamicCalls, bootstraps);
                type = declared.group(1);
                method = null;
                bootstrap = null;
                Set<String> supers = supertypes.computeIfAbsent(type, t -> new HashSet<>());
                for (int g = 2; g <= 3; g++) {
                    if (declared.group(g) != null) {
                        for (String s : declared.group(g).split(",")) {
                            supers.add(s.trim());
                        }
                    }
                }
                continue;
            }
            if (type == null) {
                continue;
            }
            if (line.startsWith("  ") && !line.startsWith("   ") && line.endsWith(";") && line.contains("(")) {
                method = new Method(type, methodName(type, line));
                direct.computeIfAbsent(method, m -> new HashSet<>());
                continue;
            }
            if (line.equals("  static {};")) {
                method = new Method(type, "<clinit>");
                direct.computeIfAbsent(method, m -> new HashSet<>());
                continue;
            }
            Matcher entry = BOOTSTRAP.matcher(line);
            if (entry.find()) {
                bootstrap = Integer.valueOf(entry.group(1));
                continue;
            }
            Matcher handle = HANDLE.matcher(line);
            if (bootstrap != null && handle.find() && !handle.group(1).startsWith("java/lang/invoke/")) {
                bootstraps.computeIfAbsent(bootstrap, b -> new ArrayList<>())
                        .add(new Method(handle.group(1).replace('/', '.'), handle.group(2)));
                continue;
            }
            if (method == null || !line.contains(": invoke")) {
                continue;
            }
            Matcher dynamic = DYNAMIC.matcher(line);
            if (dynamic.find()) {
                dynamicCalls.computeIfAbsent(method, m -> new ArrayList<>()).add(Integer.valueOf(dynamic.group(1)));
                continue;
            }
            Matcher call = CALL.matcher(line);
            if (call.find()) {
                String owner = call.group(2) == null ? type : call.group(2).replace('/', '.');
                if (owner.startsWith("dev.mwaalogin.")) {
                    boolean virtual = call.group(1).equals("invokevirtual") || call.group(1).equals("invokeinterface");
                    direct.get(method).add(new Call(new Method(owner, call.group(3)), virtual));
                }
            }
        }
        linkDynamicCalls(dynamicCalls, bootstraps);
    }

    private static void linkDynamicCalls(Map<Method, List<Integer>> calls, Map<Integer, List<Method>> bootstraps) {
        calls.forEach((caller, indexes) -> indexes.forEach(index -> bootstraps.getOrDefault(index, List.of()).stream()
                .filter(target -> target.type().startsWith("dev.mwaalogin."))
                .forEach(target -> indirect.computeIfAbsent(caller, m -> new HashSet<>()).add(target))));
        calls.clear();
        bootstraps.clear();
    }

    private static String methodName(String type, String header) {
        String beforeParameters = header.substring(0, header.indexOf('('));
        String name = beforeParameters.substring(beforeParameters.lastIndexOf(' ') + 1);
        return name.equals(type) ? "<init>" : name;
    }

    private static String withoutTypeArguments(String types) {
        String previous;
        do {
            previous = types;
            types = types.replaceAll("<[^<>]*>", "");
        } while (!types.equals(previous));
        return types;
    }

    /**
     * A call's possible targets: for a virtual call, the method and every override of it in the function's own
     * classes; else the method itself, or the supertype's it inherits.
     */
    private static Set<Method> targets(Call call) {
        Method called = call.target();
        Set<Method> targets = new HashSet<>();
        if (call.virtual()) {
            for (Method m : direct.keySet()) {
                if (m.name().equals(called.name()) && isSubtype(m.type(), called.type())) {
                    targets.add(m);
                }
            }
        } else if (direct.containsKey(called)) {
            targets.add(called);
        } else {
            for (String s : supertypes.getOrDefault(called.type(), Set.of())) {
                targets.addAll(targets(new Call(new Method(s, called.name()), false)));
            }
        }
        return targets;
    }

    private static boolean isSubtype(String type, String of) {
        if (type.equals(of)) {
            return true;
        }
        for (String s : supertypes.getOrDefault(type, Set.of())) {
            if (isSubtype(s, of)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Method> callees(Method caller, boolean throughLambdas) {
        Set<Method> out = new HashSet<>();
        direct.getOrDefault(caller, Set.of()).forEach(c -> out.addAll(targets(c)));
        if (throughLambdas) {
            indirect.getOrDefault(caller, Set.of()).forEach(c -> out.addAll(targets(new Call(c, true))));
        }
        out.removeIf(m -> m.type().startsWith(PRIMING));
        return out;
    }

    @Test
    void theRequestReachesMwaaThroughDirectCallsOneFilePerHop() {
        // Breadth first over direct calls only: a lambda on the way would hide the request from a reader.
        Map<Method, Method> cameFrom = new HashMap<>();
        Deque<Method> queue = new ArrayDeque<>(List.of(ENTRY));
        cameFrom.put(ENTRY, ENTRY);
        while (!queue.isEmpty() && !cameFrom.containsKey(MWAA_CALL)) {
            Method m = queue.poll();
            for (Method c : callees(m, false)) {
                if (cameFrom.putIfAbsent(c, m) == null) {
                    queue.add(c);
                }
            }
        }
        assertNotNull(cameFrom.get(MWAA_CALL), "the MWAA call is not reached from " + ENTRY + " by direct calls");
        List<String> files = new ArrayList<>();
        for (Method m = MWAA_CALL; ; m = cameFrom.get(m)) {
            String file = m.file().substring(m.file().lastIndexOf('.') + 1);
            if (files.isEmpty() || !files.get(0).equals(file)) {
                files.add(0, file);
            }
            if (m.equals(ENTRY)) {
                break;
            }
        }
        assertEquals(List.of("ProxyHandler", "LoginService", "MwaaTokens"), files);
    }

    @Test
    void noCallOnTheRequestPathComesBackIntoAFileItLeft() {
        Map<String, Set<String>> fileCalls = new TreeMap<>();
        Set<Method> seen = new HashSet<>();
        Deque<Method> stack = new ArrayDeque<>(List.of(ENTRY));
        while (!stack.isEmpty()) {
            Method m = stack.pop();
            if (!seen.add(m)) {
                continue;
            }
            for (Method c : callees(m, true)) {
                if (!c.file().equals(m.file())) {
                    fileCalls.computeIfAbsent(m.file(), f -> new TreeSet<>()).add(c.file());
                }
                stack.push(c);
            }
        }
        assertTrue(seen.contains(MWAA_CALL) && fileCalls.size() > 10, "the walk reached the request path: "
                + fileCalls.keySet());
        assertEquals(List.of(), cycles(fileCalls));
    }

    @Test
    void theCycleSearchFindsACallback() {
        // Positive control: a file that calls another which calls back into it is reported.
        Map<String, Set<String>> calls = Map.of("a.Entry", Set.of("a.Service"), "a.Service", Set.of("a.Entry"));
        assertEquals(List.of("Entry -> Service -> Entry"), cycles(calls));
    }

    private static List<String> cycles(Map<String, Set<String>> calls) {
        List<String> found = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        for (String start : new TreeSet<>(calls.keySet())) {
            visit(start, calls, state, new ArrayList<>(), found);
        }
        return found;
    }

    private static void visit(String file, Map<String, Set<String>> calls, Map<String, Integer> state,
                              List<String> path, List<String> found) {
        Integer s = state.get(file);
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(file), path.size()));
            cycle.add(file);
            found.add(String.join(" -> ", cycle.stream().map(f -> f.substring(f.lastIndexOf('.') + 1)).toList()));
            return;
        }
        if (s != null) {
            return;
        }
        state.put(file, 1);
        path.add(file);
        for (String next : new TreeSet<>(calls.getOrDefault(file, Set.of()))) {
            visit(next, calls, state, path, found);
        }
        path.remove(path.size() - 1);
        state.put(file, 2);
    }
}

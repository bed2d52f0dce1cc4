package dev.mwaalogin.local;

import dev.mwaalogin.local.emulator.EmulatorCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's last check (run by {@code mvn verify} after the integration tests of every module): no secret may be
 * in anything the tests wrote. It reads, in every module's {@code target/} under the project ({@code function/},
 * {@code local/emulator/}, {@code local/tests/}, ...), every test's captured output
 * ({@code surefire-reports/*-output.txt}, {@code failsafe-reports/*-output.txt}, which include the emulator's request
 * log) and every function log line ({@code function-logs/}), and looks for
 * <ul>
 *   <li>every secret an emulator handed out during the tests (each module's ledger,
 *       {@code target/secret-scan/tokens.ledger}, see {@code MwaaEmulator}): web login
 *       tokens, the secret keys and session tokens its STS issued, and its Secrets Manager values; and every secret
 *       the local sign-in and the tests recorded there ({@code TokenLedger.configured()}): the session key, sign-in
 *       cookies, authorization codes, ID and bearer tokens,</li>
 *   <li>the emulator's secret access key, which the local function processes sign with,</li>
 *   <li>{@code aws-console-sso?login=true#} followed by a token: a login URL, whatever minted it;</li>
 *   <li>a JSON Web Token ({@code eyJ...}, {@code .eyJ...}, {@code .}signature): an ID or bearer token from any
 *       provider, signed or not, whether or not a test saw it;</li>
 *   <li>a sign-in cookie's value ({@code __Host-mwaa-login-session=…}, {@code __Host-mwaa-login-flow=…}); the
 *       values the tests saw are also in the ledger, so they are found without their names too.</li>
 * </ul>
 * A hit names the file, the line number and what kind of secret it was, never the secret, and fails the build.
 *
 * <pre>
 * SecretScan --root PROJECT [--ledger FILE] [--function-logs DIR] [--skip-if true,false,...]
 * </pre>
 * {@code --ledger} and {@code --function-logs} name more places than the modules' own.
 * <pre>
 * </pre>
 */
public final class SecretScan {

    /** A login URL with something token-like after the fragment mark. */
    static final Pattern LOGIN_URL =
            Pattern.compile("aws-console-sso\\?login=true#[A-Za-z0-9._~!$&'()*+,;=:@/?%-]{8,}");

    /** A JWT: base64url JSON header and payload (both start {@code {"}, so {@code eyJ}), then a signature or none. */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    /** One of the function's sign-in cookies with a value (a cleared one, {@code name=;}, is no secret). */
    static final Pattern SIGN_IN_COOKIE = Pattern.compile("__Host-mwaa-login-(session|flow)=[A-Za-z0-9_-]{16,}");

    /** Tokens are found by a window this long: a shorter fragment of a token is not worth a failed build. */
    static final int WINDOW = 32;

    /** A hit: where, and what kind of secret (never the secret itself). */
    record Hit(Path file, int line, String kind) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + kind;
        }
    }

    private final Map<String, String> tokensByWindow = new HashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();

    /**
     * @param tokens  the ledger's secrets; a long one is found by its first {@value #WINDOW} characters, then
     *                confirmed whole
     * @param secrets other strings that must never appear, e.g. a secret access key
     */
    SecretScan(Iterable<String> tokens, Iterable<String> secrets) {
        for (String token : tokens) {
            if (token.length() >= WINDOW) {
                tokensByWindow.put(token.substring(0, WINDOW), token);
            } else if (!token.isBlank()) {
                this.secrets.add(token);
            }
        }
        secrets.forEach(this.secrets::add);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        PrintStream out = System.out;
        for (String flag : options.getOrDefault("--skip-if", "").split(",")) {
            if (flag.trim().equals("true")) {
                out.println("[secret-scan] skipped: tests were skipped");
                return;
            }
        }
        Path root = Path.of(options.getOrDefault("--root", ".")).toAbsolutePath().normalize();
        List<Path> targets = targets(root);
        Set<Path> ledgers = new LinkedHashSet<>();
        targets.forEach(target -> ledgers.add(target.resolve("secret-scan/tokens.ledger")));
        if (options.containsKey("--ledger")) {
            ledgers.add(Path.of(options.get("--ledger")).toAbsolutePath().normalize());
        }
        List<String> tokens = new ArrayList<>();
        for (Path ledger : ledgers) {
            if (Files.isRegularFile(ledger)) {
                tokens.addAll(Files.readAllLines(ledger, StandardCharsets.UTF_8));
            }
        }
        Set<Path> functionLogs = new LinkedHashSet<>();
        targets.forEach(target -> functionLogs.add(target.resolve("function-logs")));
        if (options.containsKey("--function-logs")) {
            functionLogs.add(Path.of(options.get("--function-logs")).toAbsolutePath().normalize());
        }
        List<Path> files = files(targets, functionLogs);
        SecretScan scan = new SecretScan(tokens, List.of(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY));
        List<Hit> hits = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            lines += scan.scan(file, hits);
        }
        out.println("[secret-scan] " + files.size() + " files, " + lines + " lines, " + new LinkedHashSet<>(tokens)
                .size() + " emulator secrets looked for: " + (hits.isEmpty() ? "clean" : hits.size() + " hits"));
        if (!hits.isEmpty()) {
            hits.stream().limit(50).forEach(hit -> out.println("[secret-scan] " + root.relativize(hit.file()
                    .toAbsolutePath().normalize()) + ":" + hit.line() + ": " + hit.kind()));
            throw new IllegalStateException(hits.size() + " secrets in test output or logs (files and line numbers "
                    + "above; the secrets themselves are not printed)");
        }
    }

    /**
     * Every module's build folder under the project: each {@code target/} found without entering one, a hidden
     * folder or {@code node_modules}.
     */
    static List<Path> targets(Path root) throws IOException {
        List<Path> targets = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (name.equals("target")) {
                    targets.add(dir.toAbsolutePath().normalize());
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return !dir.equals(root) && (name.startsWith(".") || name.equals("node_modules"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }
        });
        targets.sort(null);
        return targets;
    }

    /** Every file the scan reads: the test output in the build folders, and the function logs. */
    static List<Path> files(List<Path> targets, Iterable<Path> functionLogs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path target : targets) {
            for (String reports : new String[] {"surefire-reports", "failsafe-reports"}) {
                Path dir = target.resolve(reports);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.filter(p -> p.getFileName().toString().endsWith("-output.txt")).sorted()
                                .forEach(files::add);
                    }
                }
            }
        }
        for (Path logs : functionLogs) {
            if (Files.isDirectory(logs)) {
                try (Stream<Path> list = Files.list(logs)) {
                    list.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Scans one file, adding its hits; returns the number of lines read. */
    int scan(Path file, List<Hit> hits) throws IOException {
        int number = 0;
        // Test output can hold anything, invalid UTF-8 included: replace, never fail on it.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String kind = check(line);
                if (kind != null) {
                    hits.add(new Hit(file, number, kind));
                }
            }
        }
        return number;
    }

    /** What kind of secret the line holds, or null. */
    String check(String line) {
        for (int i = 0; !tokensByWindow.isEmpty() && i + WINDOW <= line.length(); i++) {
            String token = tokensByWindow.get(line.substring(i, i + WINDOW));
            if (token != null) {
                return line.startsWith(token, i) ? "a secret the emulator issued (token, key or secret value)"
                        : "the first " + WINDOW + " characters of a secret the emulator issued";
            }
        }
        for (String secret : secrets) {
            if (line.contains(secret)) {
                return "a secret (e.g. the emulator's secret access key, or a short secret value)";
            }
        }
        if (LOGIN_URL.matcher(line).find()) {
            return "a login URL with its token";
        }
        if (JWT.matcher(line).find()) {
            return "a JSON Web Token (an ID or bearer token)";
        }
        return SIGN_IN_COOKIE.matcher(line).find() ? "a sign-in cookie's value" : null;
    }
}

package dev.mwaalogin.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The interpreters the baselines run, resolved once to their real executables. {@code python3} and {@code aws} on
 * a PATH are often version-manager shims (pyenv's are bash scripts that cost about 0.3 s a start), which would
 * count the shim into every baseline run. So: ask the {@code python3} on the PATH once for {@code sys.executable}
 * (the real interpreter, even through a shim), and run the AWS CLI's own entry point, the {@code aws} script in that
 * interpreter's scripts directory, with that interpreter; or a native {@code aws} (CLI v2) with its links resolved.
 *
 * @param python        the real interpreter
 * @param pythonVersion e.g. {@code 3.11.7}
 * @param awsCli        the command that runs the CLI, without arguments
 * @param awsVersion    what {@code aws --version} says
 */
record RealBinaries(Path python, String pythonVersion, List<String> awsCli, String awsVersion) {

    RealBinaries {
        awsCli = List.copyOf(awsCli);
    }

    static RealBinaries resolve() throws IOException {
        List<String> answer = run(List.of("python3", "-c",
                "import sys, sysconfig; print(sys.executable); print(sysconfig.get_path('scripts')); "
                        + "print(sys.version.split()[0])")).lines().toList();
        if (answer.size() < 3) {
            throw new IOException("python3 did not say where it lives: " + answer);
        }
        Path python = Path.of(answer.get(0));
        if (!isNativeExecutable(python)) {
            throw new IOException(python + " (sys.executable) is not a native executable");
        }
        List<String> aws = awsCli(python, Path.of(answer.get(1)));
        List<String> version = new ArrayList<>(aws);
        version.add("--version");
        return new RealBinaries(python, answer.get(2), aws, run(version).strip());
    }

    /** The CLI v1 script next to the interpreter, run by it; else a native (v2) {@code aws} from the PATH. */
    private static List<String> awsCli(Path python, Path scripts) throws IOException {
        Path script = scripts.resolve("aws");
        if (Files.isRegularFile(script) && firstLine(script).startsWith("#!") && firstLine(script).contains("python")) {
            return List.of(python.toString(), script.toString());
        }
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                Path real = candidate.toRealPath();
                if (isNativeExecutable(real)) {
                    return List.of(real.toString());
                }
            }
        }
        throw new IOException("no real AWS CLI entry point: neither " + script + " (run by " + python
                + ") nor a native aws on the PATH; a wrapper script is not run, its start-up would be measured");
    }

    /** ELF (Linux) or Mach-O (macOS): a binary, not a script that starts one. */
    static boolean isNativeExecutable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        boolean elf = head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        boolean machO = magic == 0xcffaedfe || magic == 0xcefaedfe || magic == 0xcafebabe;
        return elf || machO;
    }

    private static String firstLine(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            int end = head.indexOf('\n');
            return end < 0 ? head : head.substring(0, end);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return output;
    }

    /** For the report: which binaries ran. */
    String describe() {
        return String.format("boto3 script: `%s` (Python %s); AWS CLI: `%s` (%s)", python, pythonVersion,
                String.join(" ", awsCli), awsVersion.lines().findFirst().orElse(""));
    }
}

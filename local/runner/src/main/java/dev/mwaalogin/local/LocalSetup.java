package dev.mwaalogin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What {@code local invoke} and {@code local start-api} share: the project's template and build, the function's
 * environment (template, then env.json, as {@code sam local} merges them), and either the built-in MWAA emulator
 * (configured from that environment, see {@link LocalEmulator}) or real AWS.
 */
final class LocalSetup implements AutoCloseable {

    final Path projectRoot;
    final Template.Function function;
    final Path taskRoot;
    final Map<String, String> environment;
    final MwaaEmulator emulator;
    final LocalSignIn signIn;

    private LocalSetup(Path projectRoot, Template.Function function, Path taskRoot, Map<String, String> environment,
                       MwaaEmulator emulator, LocalSignIn signIn) {
        this.projectRoot = projectRoot;
        this.function = function;
        this.taskRoot = taskRoot;
        this.environment = environment;
        this.emulator = emulator;
        this.signIn = signIn;
    }

    /**
     * @param options the command line: {@code --template}, {@code --env-vars}, {@code --function}, {@code --real},
     *                {@code --emulator-port}, {@code --auth} and {@code --provider-port} (see {@link LocalSignIn})
     */
    static LocalSetup create(Options options) throws IOException {
        Path root = options.projectRoot();
        Template template = Template.read(root.resolve(options.get("--template", "template.yaml")));
        Template.Function function = template.function(options.get("--function", null));
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));

        Map<String, String> env = new LinkedHashMap<>(function.environment());
        Path envVars = root.resolve(options.get("--env-vars", "events/env.json"));
        if (Files.exists(envVars)) {
            JsonNode json = new ObjectMapper().readTree(envVars.toFile());
            json.path("Parameters").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            json.path(function.logicalId()).properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        LocalSignIn signIn = LocalSignIn.of(options.get("--auth", null),
                Integer.parseInt(options.get("--provider-port", "0")), options.has("--real"));
        MwaaEmulator emulator = null;
        if (options.has("--real")) {
            String region = realRegion();
            env.put("AWS_REGION", region);
            env.put("AWS_DEFAULT_REGION", region);
            putCredentials(env, DefaultCredentialsProvider.builder().build().resolveCredentials());
            env.remove(LocalEmulator.LOCAL_AIRFLOW_VERSIONS); // only for the emulator; the function never reads it
        } else {
            MwaaEmulator.Builder builder = LocalEmulator.configure(env, env.getOrDefault("AWS_REGION", "us-east-1"),
                    Integer.parseInt(options.get("--emulator-port", "0")));
            signIn.register(builder);
            emulator = builder.build().start();
            LocalEmulator.pointAt(emulator, env);
        }
        try {
            signIn.configure(env, emulator);
        } catch (RuntimeException e) {
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        }
        return new LocalSetup(root, function, taskRoot, env, emulator, signIn);
    }


    /** Starts a fresh execution environment of the function. */
    FunctionProcess startFunction(Consumer<String> logs) throws IOException {
        return FunctionProcess.start(taskRoot, function, environment, FunctionLogFile.tee(function.logicalId(), logs));
    }

    private static String realRegion() {
        String region = System.getenv("AWS_REGION");
        if (region != null && !region.isEmpty()) {
            return region;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException none) {
            throw new IllegalArgumentException("--real needs a region: set AWS_REGION, or a region in your AWS profile");
        }
    }

    private static void putCredentials(Map<String, String> env, AwsCredentials credentials) {
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials) {
            env.put("AWS_SESSION_TOKEN", ((AwsSessionCredentials) credentials).sessionToken());
        }
    }

    @Override
    public void close() {
        try {
            signIn.close();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** A tiny command line: {@code --flag value}, {@code --switch}, and positional words. */
    static final class Options {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final java.util.List<String> positional = new java.util.ArrayList<>();

        Options(String[] args, java.util.Set<String> switches) {
            for (int i = 0; i < args.length; i++) {
                if (switches.contains(args[i])) {
                    values.put(args[i], "true");
                } else if (args[i].startsWith("-") && i + 1 < args.length) {
                    values.put(canonical(args[i]), args[++i]);
                } else if (args[i].startsWith("-")) {
                    throw new IllegalArgumentException("missing a value after " + args[i]);
                } else {
                    positional.add(args[i]);
                }
            }
            if (!positional.isEmpty()) {
                values.putIfAbsent("--function", positional.get(0));
            }
        }

        private static String canonical(String flag) {
            return switch (flag) {
                case "-e" -> "--event";
                case "-n" -> "--env-vars";
                case "-t" -> "--template";
                case "-p" -> "--port";
                default -> flag;
            };
        }

        /** Sets a flag's value unless the command line gave one; returns these options. */
        Options withDefault(String flag, String value) {
            values.putIfAbsent(flag, value);
            return this;
        }

        boolean has(String flag) {
            return values.containsKey(flag);
        }

        String get(String flag, String fallback) {
            return values.getOrDefault(flag, fallback);
        }

        /** The folder holding template.yaml: --project, else this folder or the nearest parent with one. */
        Path projectRoot() {
            if (has("--project")) {
                return Path.of(get("--project", ".")).toAbsolutePath().normalize();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("function"))) {
                    return dir;
                }
            }
            throw new IllegalArgumentException("no template.yaml here or above; pass --project <folder>");
        }
    }
}

package dev.mwaalogin.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sam_translate.py} (aws-sam-translator and cfn-lint, offline) with the machine's python3, and reads what
 * the translation gives. A translation takes a few seconds, so each one is kept for the JVM's life, keyed by the
 * template's text and the parameters: the template ITs run in one failsafe JVM and translate the same stacks. Every
 * caller gets its own copy, so no test can change what another one reads.
 */
public final class SamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> TRANSLATIONS = new HashMap<>();

    /** How the script ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private SamTranslator() {
    }

    /** The template as plain CloudFormation, for these parameter values; fails the test if SAM rejects it. */
    public static JsonNode translate(Path template, Map<String, String> parameters) throws Exception {
        String key = Files.readString(template) + "\u0000" + new TreeMap<>(parameters);
        JsonNode translated;
        synchronized (TRANSLATIONS) {
            translated = TRANSLATIONS.get(key);
        }
        if (translated == null) {
            translated = translateNow(template, parameters);
            synchronized (TRANSLATIONS) {
                TRANSLATIONS.put(key, translated);
            }
        }
        return translated.deepCopy();
    }

    private static JsonNode translateNow(Path template, Map<String, String> parameters) throws Exception {
        List<String> args = new ArrayList<>(List.of("translate", template.toString()));
        parameters.forEach((name, value) -> args.add(name + "=" + value));
        Result result = run(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("sam_translate.py " + args + " exited " + result.exitCode() + ":\n"
                    + result.stderr());
        }
        return JSON.readTree(result.stdout());
    }

    /** A parameter's declaration (AllowedPattern, MaxLength, ...) in a translated template. */
    public static JsonNode parameter(JsonNode translated, String name) {
        return translated.path("Parameters").path(name);
    }

    /**
     * The {@code AWS::Lambda::Version} SAM made for a function, as translated: before resolution its description
     * still shows which parameters ({@code ${Name}}) it carries.
     */
    public static JsonNode versionOf(JsonNode translated, String function) {
        Iterator<Map.Entry<String, JsonNode>> it = translated.path("Resources").properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Version")
                    && entry.getValue().path("Properties").path("FunctionName").path("Ref").asText().equals(function)) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no AWS::Lambda::Version for " + function);
    }

    /** Runs the script with these arguments ({@code translate TEMPLATE Name=Value...} or {@code lint TEMPLATE}). */
    public static Result run(String... args) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(SamTranslator.class.getResource("/sam_translate.py").toURI());
        List<String> command = new ArrayList<>(List.of(System.getProperty("python", "python3"),
                script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("sam-translate", ".out");
        Path err = Files.createTempFile("sam-translate", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(TemplateFixtures.ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 180 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

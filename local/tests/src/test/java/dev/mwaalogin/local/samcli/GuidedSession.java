package dev.mwaalogin.local.samcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interactive SAM CLI command ({@code sam deploy --guided}) answered through a pseudo-terminal by
 * {@code sam-cli/pty_session.py}, the way a person at a terminal answers it: each prompt that matches one of the
 * answers gets it, in the order given (the first match wins).
 *
 * @param exitCode    how the command ended
 * @param exchanges   every prompt it showed, with the answer typed
 * @param output      everything it printed, without colours
 * @param unanswered  the prompt it was left waiting at, when no answer matched; null otherwise
 */
public record GuidedSession(int exitCode, List<Exchange> exchanges, String output, String unanswered) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANGE = Pattern.compile("^([+*-] (?:Add|Modify|Delete))\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s*$");

    /** A prompt and what was typed at it ("" is Enter: the prompt's default). */
    public record Exchange(String prompt, String answer) {
    }

    /** A row of the change set SAM CLI shows. */
    public record Change(String operation, String logicalId, String type) {
    }

    /**
     * Runs {@code sam args...} in {@code dir} and answers it.
     *
     * @param answers prompt regex to answer, in order; "" answers Enter
     */
    public static GuidedSession run(Path dir, Map<String, String> environment, LinkedHashMap<String, String> answers,
                                    Path log, String... args) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Path rules = log.resolveSibling(log.getFileName() + ".rules.json");
        Path result = log.resolveSibling(log.getFileName() + ".result.json");
        ArrayNode list = JSON.createArrayNode();
        answers.forEach((prompt, answer) -> list.addObject().put("prompt", prompt).put("answer", answer));
        JSON.writeValue(rules.toFile(), list);
        List<String> command = new ArrayList<>(List.of(SamCli.python().toString(),
                SamCli.resource("sam-cli/pty_session.py").toString(), rules.toString(), result.toString(), "--",
                SamCli.require().toString()));
        command.addAll(List.of(args));
        SamCli.Result driver = SamCli.runCommand(dir, environment, Duration.ofMinutes(11), log, command);
        if (driver.exitCode() != 0 || !Files.exists(result)) {
            throw new AssertionError("pty_session.py failed:\n" + driver.output());
        }
        JsonNode outcome = JSON.readTree(result.toFile());
        List<Exchange> exchanges = new ArrayList<>();
        outcome.path("exchanges").forEach(exchange -> exchanges.add(new Exchange(exchange.path("prompt").asText(),
                exchange.path("answer").asText())));
        String output = outcome.path("output").asText();
        Files.writeString(log, output);
        return new GuidedSession(outcome.path("exit").asInt(), exchanges, output,
                outcome.path("unanswered").isNull() ? null : outcome.path("unanswered").asText());
    }

    /** The prompts, in the order they came. */
    public List<String> prompts() {
        return exchanges.stream().map(Exchange::prompt).toList();
    }

    /** The change set SAM CLI showed (the last one, if it showed more). */
    public List<Change> changeSet() {
        return changeSet(output);
    }

    /** The rows of the last change set table in a SAM CLI output. */
    public static List<Change> changeSet(String output) {
        int table = output.lastIndexOf("CloudFormation stack changeset");
        List<Change> changes = new ArrayList<>();
        if (table < 0) {
            return changes;
        }
        for (String line : output.substring(table).split("\n")) {
            Matcher change = CHANGE.matcher(line.strip());
            if (change.matches()) {
                changes.add(new Change(change.group(1), change.group(2), change.group(3)));
            }
        }
        return changes;
    }
}

package dev.mwaalogin.local.samcli;

import dev.mwaalogin.local.template.TemplateFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell commands of a README section, exactly as written: each line of its {@code bash} blocks, with
 * backslash-continued lines joined and a trailing {@code # comment} left off. Tests run these, so the README cannot
 * drift from what works.
 */
public final class ReadmeCommands {

    private ReadmeCommands() {
    }

    /** The commands of the {@code ## heading} section (down to the next {@code ## } heading). */
    public static List<String> of(String heading) throws IOException {
        String readme = Files.readString(TemplateFixtures.ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README.md has no section ## " + heading);
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> commands = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        for (String line : section.split("\n")) {
            if (!inBash) {
                inBash = line.strip().equals("```bash");
                continue;
            }
            if (line.strip().equals("```")) {
                inBash = false;
                continue;
            }
            String text = line.replaceFirst("\\s+#\\s.*$", "");
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            pending.append(text);
            String command = pending.toString().replaceAll("\\s+", " ").strip();
            pending.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }
}

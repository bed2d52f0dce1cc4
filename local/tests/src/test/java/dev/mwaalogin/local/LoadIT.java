package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Concurrency: a second JVM ({@link LoadClient}) runs 50 parallel clients over loopback for 10 s (CI's budget;
 * {@code -Dload.clients} and {@code -Dload.seconds} change it) against {@code local start-api} with two warm
 * execution environments over the MWAA emulator. Every answer must be a login (200 or 302), every token distinct,
 * and the tokens the clients received exactly the tokens the emulator minted in that time: no request saw another
 * request's token, none was lost, and MWAA was asked once per login.
 */
class LoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiftyParallelClientsEachGetTheirOwnToken() throws Exception {
        int clients = Integer.getInteger("load.clients", 50);
        int seconds = Integer.getInteger("load.seconds", 10);
        Path target = EventsIT.ROOT.resolve("local/tests/target");
        Path ledger = ledger(target);
        Path received = Files.createDirectories(target.resolve("load")).resolve("tokens-received.txt");
        List<String> logs = new CopyOnWriteArrayList<>();

        // --auth none: anonymous load on the shared identity, as local/run start-api --auth none serves it.
        try (LocalSetup setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project",
                EventsIT.ROOT.toString(), "--function", "LoginFunction", "--auth", "none"}, Set.of()));
             LocalApi api = LocalApi.start(setup, 0, 2, logs::add)) {
            long ledgerBefore = Files.exists(ledger) ? Files.size(ledger) : 0;
            setup.emulator.resetHits();

            Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPathOf(LoadClient.class), LoadClient.class.getName(), api.url(),
                    Integer.toString(clients), Integer.toString(seconds), received.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String summaryLine = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(client.waitFor(seconds + 60L, TimeUnit.SECONDS), "the load client finished");
            assertEquals(0, client.exitValue(), "load client: " + summaryLine);

            JsonNode summary = JSON.readTree(summaryLine);
            System.out.println("LoadIT: " + clients + " clients for " + seconds + " s against " + api.url()
                    + " (2 execution environments): " + summaryLine);
            List<String> tokens = Files.readAllLines(received, StandardCharsets.UTF_8);
            Files.delete(received);
            Set<String> minted = new HashSet<>(mintedSince(ledger, ledgerBefore));

            long requests = summary.path("requests").asLong();
            assertTrue(requests >= clients, "some load: " + summaryLine);
            assertEquals(0, summary.path("errors").asLong(), "no transport errors: " + summaryLine);
            summary.path("outcomes").fieldNames().forEachRemaining(outcome -> assertTrue(
                    outcome.equals("json 200") || outcome.equals("redirect 302"), "only logins: " + summaryLine));
            assertEquals(requests, tokens.size(), "every answer carried a token");
            assertEquals(tokens.size(), new HashSet<>(tokens).size(), "every token is distinct");
            assertEquals(minted, new HashSet<>(tokens), "the tokens received are exactly the tokens minted");
            assertEquals(minted.size(), setup.emulator.hits("demo"), "one MWAA call per login");
            assertTrue(logs.stream().filter(l -> l.contains("login status=")).count() >= requests,
                    "every request logged");
        }
    }

    /** The file this JVM's emulators record minted tokens in (the build sets it; a run from an IDE gets one). */
    private static Path ledger(Path target) throws IOException {
        String configured = System.getProperty(MwaaEmulator.TOKEN_LEDGER_PROPERTY);
        if (configured == null || configured.isBlank()) {
            Path file = Files.createDirectories(target.resolve("load")).resolve("tokens.ledger");
            System.setProperty(MwaaEmulator.TOKEN_LEDGER_PROPERTY, file.toString());
            return file;
        }
        return Path.of(configured);
    }

    /** The web login tokens appended to the ledger after {@code offset}: what was minted during the run. */
    private static List<String> mintedSince(Path ledger, long offset) throws IOException {
        if (!Files.exists(ledger)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(ledger.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            List<String> lines = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                // The ledger also holds STS keys and session tokens; web login tokens are 214 URL-safe characters.
                if (line.matches("[A-Za-z0-9_-]{214}")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    private static String classPathOf(Class<?> type) throws Exception {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}

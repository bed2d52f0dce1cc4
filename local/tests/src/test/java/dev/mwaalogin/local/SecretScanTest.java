package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.emulator.EmulatorCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    private static final String TOKEN = "A".repeat(20) + "b-_c".repeat(40) + "Z".repeat(34);
    private static final String OTHER = "x".repeat(214);

    @TempDir
    Path root;

    private final SecretScan scan = new SecretScan(List.of(TOKEN, OTHER),
            List.of(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY));

    @Test
    void findsEachKindOfSecret() {
        assertEquals("a secret the emulator issued (token, key or secret value)",
                scan.check("{\"webToken\":\"" + TOKEN + "\"}"));
        assertEquals("the first 32 characters of a secret the emulator issued",
                scan.check("cut: " + TOKEN.substring(0, 40)));
        assertEquals("a secret (e.g. the emulator's secret access key, or a short secret value)",
                scan.check("AWS_SECRET_ACCESS_KEY=" + EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY));
        assertEquals("a login URL with its token",
                scan.check("Location: https://h/aws_mwaa/aws-console-sso?login=true#eyJhbGciOiJSUzI1NiJ9.x"));
        assertEquals("a JSON Web Token (an ID or bearer token)", scan.check("id_token=eyJraWQiOiJkZWZhdWx0IiwiYWxnIjoi"
                + "UlMyNTYifQ.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl&x=1"));
        assertEquals("a JSON Web Token (an ID or bearer token)", scan.check("Bearer eyJhbGciOiJub25lIn0."
                + "eyJzdWIiOiJhbGljZSJ9."), "unsigned (alg none) too");
        assertEquals("a sign-in cookie's value", scan.check("cookie: __Host-mwaa-login-session=AYzhVDz3P6Bkg4Lj"
                + "CXrhtSe3v4zvhX6CeNQ; Path=/"));
        assertNull(scan.check("Set-Cookie: __Host-mwaa-login-flow=; Path=/; Max-Age=0"), "a cleared cookie");
        assertNull(scan.check("{\"alg\":\"RS256\"} eyJhbGciOiJSUzI1NiJ9 alone"), "a JWT header alone is no token");
        assertNull(scan.check("login status=302 environment=demo mwaaRequestId=abc durationMs=3"));
        assertNull(scan.check("the page is /aws_mwaa/aws-console-sso?login=true#"), "a URL without a token");
        assertNull(scan.check(TOKEN.substring(0, 31)), "too short to be worth a failed build");
    }

    @Test
    void failsTheBuildNamingFileAndLineButNeverTheSecret() throws IOException {
        Path reports = Files.createDirectories(root.resolve("local/target/failsafe-reports"));
        Files.writeString(reports.resolve("dev.mwaalogin.XIT-output.txt"), "fine\nalso fine\nleak " + TOKEN + "\n");
        Files.writeString(reports.resolve("dev.mwaalogin.XIT.txt"), "not an output file " + TOKEN);
        Path logs = Files.createDirectories(root.resolve("local/target/function-logs"));
        Files.writeString(logs.resolve("LoginFunction-1-1.log"), "{\"message\":\"login status=200\"}\n");
        Path ledger = root.resolve("local/target/secret-scan/tokens.ledger");
        Files.createDirectories(ledger.getParent());
        Files.writeString(ledger, TOKEN + "\n" + OTHER + "\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> SecretScan.main(
                    new String[] {"--root", root.toString(), "--ledger", ledger.toString(), "--function-logs",
                        logs.toString(), "--skip-if", "false,${skipITs},"}));
            assertTrue(failed.getMessage().startsWith("1 secrets"), failed.getMessage());
        } finally {
            System.setOut(stdout);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("2 files, 4 lines, 2 emulator secrets looked for: 1 hits"), printed);
        assertTrue(printed.contains("local/target/failsafe-reports/dev.mwaalogin.XIT-output.txt:3: a secret the "
                + "emulator issued"), printed);
        assertFalse(printed.contains(TOKEN.substring(0, 20)), "the scan printed the secret");
    }

    @Test
    void readsEveryModulesOutputWithEveryModulesLedger() throws IOException {
        // A token one module's emulator minted, leaked into another module's test output, found without naming either.
        Path emulatorLedger = Files.createDirectories(root.resolve("local/emulator/target/secret-scan"))
                .resolve("tokens.ledger");
        Files.writeString(emulatorLedger, TOKEN + "\n");
        Path reports = Files.createDirectories(root.resolve("local/tests/target/failsafe-reports"));
        Files.writeString(reports.resolve("dev.mwaalogin.YIT-output.txt"), "leak " + TOKEN + "\n");
        Path functionLogs = Files.createDirectories(root.resolve("function/target/function-logs"));
        Files.writeString(functionLogs.resolve("LoginFunction-1-1.log"), "login status=302\n");
        Files.createDirectories(root.resolve("local/tests/target/sam-cli/local/emulator/target/surefire-reports"));
        assertEquals(List.of(root.resolve("function/target"), root.resolve("local/emulator/target"),
                root.resolve("local/tests/target")), SecretScan.targets(root));
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> SecretScan.main(
                new String[] {"--root", root.toString(), "--skip-if", "false"}));
        assertTrue(failed.getMessage().startsWith("1 secrets"), failed.getMessage());
    }

    @Test
    void skipsWhenTheTestsWereSkipped() throws IOException {
        Path reports = Files.createDirectories(root.resolve("local/target/surefire-reports"));
        Files.writeString(reports.resolve("X-output.txt"), EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        SecretScan.main(new String[] {"--root", root.toString(), "--skip-if", "${skipTests},true,"});
        List<SecretScan.Hit> hits = new ArrayList<>();
        scan.scan(reports.resolve("X-output.txt"), hits);
        assertEquals(1, hits.size(), "but it would have found it");
    }
}

package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdProfileTest {

    @Test
    void sharesCountOnlyTheMainThreadAndAttributeLoadingToWhoeverTriggeredIt(@TempDir Path dir) throws IOException {
        Path stacks = dir.resolve("run.collapsed");
        Files.writeString(stacks, String.join("\n",
                "[main tid=1];dev/mwaalogin/lambda/HttpApiHandler.<init>;dev/mwaalogin/aws/MwaaTokens.client;"
                        + "java/lang/ClassLoader.loadClass;ClassFileParser::parse 30",
                "[main tid=1];dev/mwaalogin/lambda/ProxyHandler.handleRequest;dev/mwaalogin/LoginService.handle 10",
                "[main tid=1];dev/mwaalogin/lambda/ProxyHandler.handleRequest;software/amazon/awssdk/services/mwaa/"
                        + "MwaaClient.createWebLoginToken;software/amazon/awssdk/http/auth/aws/Signer.sign 40",
                "[main tid=1];dev/mwaalogin/local/bench/ColdStart.main;java/lang/invoke/MethodHandleNatives"
                        + ".linkCallSite 20",
                "[C1 CompilerThre tid=2];Compilation::compile 500",
                "no count here"));
        ColdProfile.Samples samples = new ColdProfile.Samples();
        samples.read(stacks);
        assertEquals(30, samples.share(f -> f.startsWith("dev/mwaalogin/lambda/HttpApiHandler.<init>")), 1e-9);
        assertEquals(50, samples.share(f -> f.startsWith("dev/mwaalogin/lambda/ProxyHandler.handleRequest")), 1e-9);
        assertEquals(40, samples.share(f -> f.contains("awssdk/http/auth/aws/")), 1e-9);
        // Our frames are the deepest of the project or the SDK in the init and handle stacks; the harness is not ours.
        assertEquals(40, samples.ownCodeShare(false), 1e-9);
        assertEquals(10, samples.ownCodeShare(true), 1e-9);
        String report = samples.report(1);
        assertTrue(report.contains("100 samples"), report);
        assertTrue(report.contains("| linking lambdas and method handles | 20.0 % |"), report);
    }
}

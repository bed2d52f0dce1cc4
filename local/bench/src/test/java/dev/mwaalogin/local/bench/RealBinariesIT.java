package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's baselines run the interpreters' real executables, never a shim that starts them. */
class RealBinariesIT {

    @Test
    void pythonAndTheAwsCliResolveToRealExecutables() throws IOException {
        RealBinaries binaries = RealBinaries.resolve();
        assertTrue(RealBinaries.isNativeExecutable(binaries.python()), binaries.python().toString());
        assertFalse(binaries.python().toString().contains("/shims/"), binaries.python().toString());
        String first = binaries.awsCli().get(0);
        assertTrue(RealBinaries.isNativeExecutable(Path.of(first)), "the CLI runs as " + binaries.awsCli());
        if (binaries.awsCli().size() == 2) {
            assertEquals(binaries.python().toString(), first, "a CLI script runs with the same interpreter");
            assertTrue(Files.readString(Path.of(binaries.awsCli().get(1))).contains("awscli"));
        }
        assertTrue(binaries.awsVersion().startsWith("aws-cli/"), binaries.awsVersion());
        assertTrue(binaries.describe().contains(binaries.python().toString()));
    }

    @Test
    void aScriptIsNotANativeExecutable(@TempDir Path dir) throws IOException {
        Path shim = Files.writeString(dir.resolve("python3"), "#!/usr/bin/env bash\nexec python3 \"$@\"\n");
        assertFalse(RealBinaries.isNativeExecutable(shim));
        assertFalse(RealBinaries.isNativeExecutable(dir.resolve("missing")));
        assertTrue(RealBinaries.isNativeExecutable(Path.of(System.getProperty("java.home"), "bin", "java")));
    }
}

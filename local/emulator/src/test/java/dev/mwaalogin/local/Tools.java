package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a test does when a tool it runs (Chromium, the AWS CLI, boto3, a JDK 25) is not on this machine: on a
 * developer's machine it is reported as skipped, with the reason and how to install the tool; under CI
 * ({@code CI=true}, which {@code .ci/run} sets) it fails, so that a missing tool can never pass for a green run.
 */
public final class Tools {

    private Tools() {
    }

    /** Whether this run is CI's. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips (or, under CI, fails) the calling test unless {@code available}.
     *
     * @param missing what is missing and how to get it, e.g. "chromium: apt-get install chromium chromium-driver"
     */
    public static void require(boolean available, String missing) {
        if (available) {
            return;
        }
        if (isCi()) {
            fail("CI=true and a tool this test needs is missing: " + missing);
        }
        assumeTrue(false, "skipped, a tool is missing: " + missing);
    }
}

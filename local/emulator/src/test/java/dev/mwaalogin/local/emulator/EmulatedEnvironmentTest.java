package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmulatedEnvironmentTest {

    @Test
    void generatedHostnamesAreStableAndMwaaShaped() {
        EmulatedEnvironment a = EmulatedEnvironment.withGeneratedHostname("demo", "us-east-1");
        assertEquals(a, EmulatedEnvironment.withGeneratedHostname("demo", "us-east-1"));
        assertTrue(a.webServerHostname().matches("[0-9a-f-]{36}\\.c7\\.us-east-1\\.airflow\\.on\\.aws"));
    }

    @Test
    void namesFollowMwaasConstraint() {
        assertThrows(IllegalArgumentException.class, () -> new EmulatedEnvironment("9x", "h", "2"));
        assertThrows(IllegalArgumentException.class, () -> new EmulatedEnvironment("a".repeat(81), "h", "2"));
        assertThrows(IllegalArgumentException.class, () -> new EmulatedEnvironment("ok", "http://h/", "2"));
        assertEquals("a-b_C9", new EmulatedEnvironment("a-b_C9", "h", "2").name());
    }

    @Test
    void theLoginPathFollowsTheAirflowGeneration() {
        assertEquals("/aws_mwaa/aws-console-sso", new EmulatedEnvironment("a", "h", "2.10.3").loginPath());
        assertEquals("/pluginsv2/aws_mwaa/aws-console-sso", new EmulatedEnvironment("a", "h", "3.0.6").loginPath());
        assertEquals(3, new EmulatedEnvironment("a", "h", "3.0.6").airflowMajorVersion());
        assertThrows(IllegalArgumentException.class, () -> new EmulatedEnvironment("a", "h", "v3"));
        assertThrows(IllegalArgumentException.class, () -> new EmulatedEnvironment("a", "h", ""));
    }
}

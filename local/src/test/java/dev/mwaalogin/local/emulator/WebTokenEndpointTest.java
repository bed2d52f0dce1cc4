package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebTokenEndpointTest {

    @Test
    void airflowIdentityIsTheIamIdentityCappedAt64() {
        assertEquals("assumed-role/mwaa-login-local/demo",
                WebTokenEndpoint.airflowIdentity("assumed-role/mwaa-login-local/demo"));
        String longIdentity = "assumed-role/" + "r".repeat(64) + "/session";
        assertEquals(longIdentity.substring(0, 64), WebTokenEndpoint.airflowIdentity(longIdentity));
    }
}

package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebTokenEndpointTest {

    @Test
    void airflowIdentityIsTheIamIdentityUpTo64Characters() throws Exception {
        assertEquals("assumed-role/mwaa-login-local/demo",
                WebTokenEndpoint.airflowIdentity("assumed-role/mwaa-login-local/demo"));
        String longest = "assumed-role/" + "r".repeat(43) + "/session";
        assertEquals(64, longest.length());
        assertEquals(longest, WebTokenEndpoint.airflowIdentity(longest));
    }

    @Test
    void longerIdentitiesAreRefusedRatherThanCut() {
        String tooLong = "assumed-role/" + "r".repeat(44) + "/session";
        ApiException refused = assertThrows(ApiException.class, () -> WebTokenEndpoint.airflowIdentity(tooLong));
        assertEquals(400, refused.status());
        assertEquals("ValidationException", refused.type());
        assertTrue(refused.getMessage().contains("65 characters"), refused.getMessage());
    }

    @Test
    void namesAreValidatedWithAwsWording() {
        ApiException refused = assertThrows(ApiException.class, () -> WebTokenEndpoint.validateName("9 lives"));
        assertEquals("1 validation error detected: Value '9 lives' at 'name' failed to satisfy constraint: Member "
                + "must satisfy regular expression pattern: [a-zA-Z][0-9a-zA-Z-_]*", refused.getMessage());
    }
}

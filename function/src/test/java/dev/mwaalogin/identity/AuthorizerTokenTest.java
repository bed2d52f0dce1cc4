package dev.mwaalogin.identity;

import dev.mwaalogin.JwtAuthorizerRequests;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWT mode reads the token the authorizer verified, typed, and only that token. */
class AuthorizerTokenTest {

    private static final Map<String, Object> TOKEN = JwtAuthorizerRequests.claims(Map.of("sub", "alice-sub",
            "email", "alice@example.com", "email_verified", true, "groups", List.of("Helpdesk Admins", "Everyone")));

    private static String refusal(String authorization, Map<String, String> authorizerClaims) {
        Failure.Refused refused = (Failure.Refused) assertThrows(Failed.class, () -> AuthorizerToken.claims(
                authorization, authorizerClaims)).failure();
        assertEquals(Failure.Reason.NO_IDENTITY, refused.reason());
        return refused.cause();
    }

    @Test
    void theHeadersTokenGivesTheClaimsWithTheirTypes() {
        Map<String, String> flattened = JwtAuthorizerRequests.flattened(TOKEN);
        assertEquals("[Helpdesk Admins Everyone]", flattened.get("groups"), "what API Gateway hands the function");
        Map<String, Object> claims = AuthorizerToken.claims(JwtAuthorizerRequests.authorization(TOKEN), flattened);
        assertEquals(List.of("Helpdesk Admins", "Everyone"), claims.get("groups"));
        assertEquals(Boolean.TRUE, claims.get("email_verified"));
        // API Gateway takes the token with or without "Bearer ".
        String bare = JwtAuthorizerRequests.authorization(TOKEN).substring("Bearer ".length());
        assertEquals(claims.get("groups"), AuthorizerToken.claims(bare, flattened).get("groups"));
        assertEquals(claims.get("groups"), AuthorizerToken.claims("bearer " + bare, flattened).get("groups"));
    }

    @Test
    void anotherTokenInTheHeaderIsRefused() {
        Map<String, String> vouched = JwtAuthorizerRequests.flattened(TOKEN);
        for (String anchor : AuthorizerToken.ANCHORS) {
            Map<String, Object> other = new LinkedHashMap<>(TOKEN);
            other.put(anchor, anchor.equals("iat") || anchor.equals("exp") ? 1L : "someone-else");
            assertEquals("NotTheAuthorizersToken", refusal(JwtAuthorizerRequests.authorization(other), vouched),
                    anchor);
            other.remove(anchor);
            assertEquals("NotTheAuthorizersToken", refusal(JwtAuthorizerRequests.authorization(other), vouched),
                    anchor + " missing");
            Map<String, String> unanchored = new LinkedHashMap<>(vouched);
            unanchored.remove(anchor);
            assertEquals("NotTheAuthorizersToken", refusal(JwtAuthorizerRequests.authorization(TOKEN), unanchored),
                    "the authorizer's " + anchor + " missing");
        }
    }

    @Test
    void aHeaderWithoutAReadableTokenIsRefused() {
        Map<String, String> vouched = JwtAuthorizerRequests.flattened(TOKEN);
        assertEquals("NoAuthorizerToken", refusal(null, vouched));
        String good = JwtAuthorizerRequests.authorization(TOKEN);
        for (String header : List.of("Bearer", "Bearer a.b", "Bearer a.b.c.d", "Bearer a.!!!.c", "Bearer a.e30",
                good + "," + good, "Bearer a." + "A".repeat(AuthorizerToken.MAX_TOKEN_CHARS) + ".c")) {
            String reason = refusal(header, vouched);
            assertTrue(reason.equals("AuthorizerTokenUnreadable") || reason.equals("NotTheAuthorizersToken"),
                    header.length() + ": " + reason);
        }
        assertEquals("NotTheAuthorizersToken", refusal("Bearer a.e30.c", vouched), "an empty object");
        assertEquals("NotTheAuthorizersToken", refusal("Bearer a.W10.c", vouched), "an array");
        assertEquals("AuthorizerTokenUnreadable", refusal("Bearer a.!!!.c", vouched));
        assertEquals("AuthorizerTokenUnreadable", refusal(good + "," + good, vouched), "two headers, joined");
    }

    @Test
    void numbersCompareAsApiGatewayWritesThem() {
        Map<String, Object> claims = AuthorizerToken.claims(JwtAuthorizerRequests.authorization(TOKEN),
                JwtAuthorizerRequests.flattened(TOKEN));
        assertEquals(new JsonReader.JsonNumber("4102444800"), claims.get("exp"));
    }
}

package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mwaalogin.local.SignInRig.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scripts sign in with {@code Authorization: Bearer} and a token from the same provider (see {@link SignInRig}):
 * one mock-oauth2-server issued for this client is accepted; one from another issuer (its own signing key), for
 * another audience, expired, unsigned ({@code alg: none}), signed with a key the provider never published (an
 * unknown {@code kid}) or with a broken signature is a 401, mints nothing and is not logged, nor is who it claims.
 */
class BearerTokenIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ADMINS = Map.of("groups", List.of("airflow-admins"));

    private static SignInRig rig;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(5000); // events/env.json's deadline; ProviderOutageIT tests deadlines
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> assertTrue(rig.logs.stream().noneMatch(line -> line.contains("mallory")),
                "a refused claim was logged"));
    }

    @Test
    void aTokenTheProviderIssuedForThisClientSignsAScriptIn() throws IOException {
        String token = issue(LocalProvider.ISSUER_ID, "alice", LocalProvider.CLIENT_ID, ADMINS, 300);
        Response response = withBearer(token);
        assertEquals(200, response.status(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        rig.remember(answer.path("webToken").asText());
        assertEquals("alice", answer.path("person").asText(), response.body());
        assertEquals("Admin", answer.path("airflowRole").asText(), response.body());
        assertTrue(response.cookies().isEmpty(), "a script gets no session");
    }

    @Test
    void aTokenThatDoesNotVerifyIs401() throws Exception {
        String good = issue(LocalProvider.ISSUER_ID, "mallory", LocalProvider.CLIENT_ID, ADMINS, 300);
        String[] parts = good.split("\\.");
        // Each with the reason the function logs: the check that caught it.
        List<Hostile> hostile = List.of(
                new Hostile("another issuer (its own key)", issue("other", "mallory", LocalProvider.CLIENT_ID,
                        ADMINS, 300), "UNKNOWN_KEY"),
                new Hostile("another audience", issue(LocalProvider.ISSUER_ID, "mallory", "someone-else", ADMINS,
                        300), "WRONG_AUDIENCE"),
                new Hostile("expired", issue(LocalProvider.ISSUER_ID, "mallory", LocalProvider.CLIENT_ID, ADMINS,
                        -120), "EXPIRED"),
                new Hostile("alg none", base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
                        "ALGORITHM_NOT_ALLOWED"),
                new Hostile("unknown kid", signedByAStranger(good), "UNKNOWN_KEY"),
                new Hostile("broken signature", parts[0] + "." + parts[1] + "." + flipLast(parts[2]),
                        "BAD_SIGNATURE"),
                new Hostile("not a JWT", "mallory-mallory-mallory-mallory", "MALFORMED"));
        long minted = rig.minted();
        for (Hostile token : hostile) {
            rig.remember(token.token());
            int logged = rig.logs.size();
            Response response = withBearer(token.token());
            assertEquals(401, response.status(), token.name() + ": " + response.body());
            assertEquals("InvalidToken", JSON.readTree(response.body()).path("error").path("code").asText(),
                    token.name());
            assertFalse(response.body().contains("mallory"), token.name());
            rig.awaitLogLine(logged, "login status=401 code=InvalidToken/" + token.reason() + " ");
        }
        assertEquals(minted, rig.minted(), "nothing minted");
    }

    @Test
    void aTokenIssuedToAnotherClientOfTheSameProviderIs401() throws Exception {
        // The control: this client's token, naming it wherever a token names a client.
        Map<String, Object> named = Map.of("groups", List.of("airflow-admins"), "azp", LocalProvider.CLIENT_ID,
                "cid", LocalProvider.CLIENT_ID, "client_id", LocalProvider.CLIENT_ID);
        Response control = withBearer(issue(LocalProvider.ISSUER_ID, "alice", List.of(LocalProvider.CLIENT_ID),
                named, 300));
        assertEquals(200, control.status(), control.body());
        rig.remember(JSON.readTree(control.body()).path("webToken").asText());
        List<Hostile> hostile = List.of(
                // mock-oauth2-server writes the requesting client into azp itself, over any azp of the claims.
                new Hostile("azp of another client", issue(LocalProvider.ISSUER_ID, "other-app", "mallory",
                        List.of(LocalProvider.CLIENT_ID), ADMINS, 300), "WRONG_AUTHORIZED_PARTY"),
                new Hostile("Okta's cid of another client", issue(LocalProvider.ISSUER_ID, "mallory", List.of(
                        LocalProvider.CLIENT_ID), with(ADMINS, "cid", "other-app"), 300), "WRONG_CLIENT"),
                new Hostile("client_id of another client", issue(LocalProvider.ISSUER_ID, "mallory", List.of(
                        LocalProvider.CLIENT_ID), with(ADMINS, "client_id", "other-app"), 300), "WRONG_CLIENT"),
                new Hostile("this client among several audiences, for another", issue(LocalProvider.ISSUER_ID,
                        "other-app", "mallory", List.of("other-app", LocalProvider.CLIENT_ID), ADMINS, 300),
                        "WRONG_AUTHORIZED_PARTY"),
                // Cognito's access tokens have no aud and name the client in client_id; this provider is no
                // Cognito user pool, so such a token is for no one here.
                new Hostile("a Cognito-shaped access token from another issuer", issue(LocalProvider.ISSUER_ID,
                        "mallory", List.of(), with(with(ADMINS, "token_use", "access"), "client_id",
                                LocalProvider.CLIENT_ID), 300), "WRONG_AUDIENCE"));
        refuseAll(hostile);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(claims);
        more.put(name, value);
        return more;
    }

    private static void refuseAll(List<Hostile> hostile) throws Exception {
        long minted = rig.minted();
        for (Hostile token : hostile) {
            rig.remember(token.token());
            int logged = rig.logs.size();
            Response response = withBearer(token.token());
            assertEquals(401, response.status(), token.name() + ": " + response.body());
            assertEquals("InvalidToken", JSON.readTree(response.body()).path("error").path("code").asText(),
                    token.name());
            rig.awaitLogLine(logged, "login status=401 code=InvalidToken/" + token.reason() + " ");
        }
        assertEquals(minted, rig.minted(), "nothing minted");
    }

    private record Hostile(String name, String token, String reason) {
    }

    private static Response withBearer(String token) throws IOException {
        return rig.get(rig.api.url() + "/login?format=json", "Authorization", "Bearer " + token);
    }

    /** A token the provider signs with its key for {@code issuerId}, as its token endpoint would for the client. */
    private static String issue(String issuerId, String subject, String audience, Map<String, Object> claims,
                                long expirySeconds) {
        return issue(issuerId, subject, List.of(audience), claims, expirySeconds);
    }

    private static String issue(String issuerId, String subject, List<String> audience, Map<String, Object> claims,
                                long expirySeconds) {
        return issue(issuerId, LocalProvider.CLIENT_ID, subject, audience, claims, expirySeconds);
    }

    /** @param clientId the client that asks the provider for the token, which the provider puts in azp */
    private static String issue(String issuerId, String clientId, String subject, List<String> audience,
                                Map<String, Object> claims, long expirySeconds) {
        String token = rig.provider.server().issueToken(issuerId, clientId,
                new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", audience, claims, expirySeconds))
                .serialize();
        rig.remember(token);
        return token;
    }

    /** The same claims, signed with a key of our own under a key id the provider does not publish. */
    private static String signedByAStranger(String token) throws ParseException, JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-published").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID())
                .build(), JWTClaimsSet.parse(SignedJWT.parse(token).getJWTClaimsSet().toJSONObject()));
        forged.sign(new RSASSASigner(stranger));
        return forged.serialize();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipLast(String signature) {
        char last = signature.charAt(signature.length() - 2);
        return signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
    }
}

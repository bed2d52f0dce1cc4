package dev.mwaalogin;

import dev.mwaalogin.internal.CannedHttpClient;
import dev.mwaalogin.oidc.CookieSeal;
import dev.mwaalogin.oidc.Deadline;
import dev.mwaalogin.oidc.OidcHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Browser sign-in's side of SnapStart priming: a provider, a sign-in secret and a signed-in person that exist only
 * in memory, so that the snapshot holds the sign-in's classes (JOSE parsing, RSA verification, AES-GCM cookies)
 * warm, and nothing real. The ID token below was signed once, offline, with a key that was then thrown away; only
 * its public half is here. It names an issuer under {@code .invalid} that no network call could ever reach.
 */
final class BrowserPriming {

    static final String ISSUER = "https://priming.invalid/idp";
    static final String CLIENT_ID = "priming";
    /** Not a secret: it seals nothing but priming's own cookies, which never leave memory. */
    static final String SESSION_KEY = "priming-session-key-not-a-secret-0123456789abcdef0123456789abcdef";
    static final String STATE = "priming-state";
    static final String NONCE = "priming-nonce";
    static final String CODE_VERIFIER = "priming-code-verifier-priming-code-verifier-0123456789";
    /**
     * aud priming, sub priming, nonce priming-nonce, cognito:groups [priming], email priming@priming.invalid with
     * email_verified true, exp 2100-01-01.
     */
    static final String ID_TOKEN = "eyJraWQiOiJwcmltaW5nIiwiYWxnIjoiUlMyNTYifQ.eyJhdWQiOiJwcmltaW5nIiwic3ViIjoicHJpbWluZyIsImNvZ25pdG86Z3JvdXBzIjpbInByaW1pbmciXSwiZW1haWxfdmVyaWZpZWQiOnRydWUsImlzcyI6Imh0dHBzOi8vcHJpbWluZy5pbnZhbGlkL2lkcCIsImV4cCI6NDEwMjQ0NDgwMCwiaWF0IjoxNzY0MDAwMDAwLCJub25jZSI6InByaW1pbmctbm9uY2UiLCJlbWFpbCI6InByaW1pbmdAcHJpbWluZy5pbnZhbGlkIn0.k4PEDDdB9SyXPc_Cnold1uUIuTncAGE5eNHdWgXdWg-LeEKVrQLkf4rHkfD-7XfwA0kRDL-DUc8H1IJQF78XWMY71rZOHlOm8IUK5tgIO5RuZq_WhodzVNkhO_nPnjwFJ2oFmjTiY1BgXJEUTzp5fcVIob2wltvWOYv8uVUSm8CVd7DHykuoTOqhsHYPJ41TDFjV3YdAECAZx_BuZwSwZgh0eNGX6lFTN234ueqEhdSK8ZchOvY09TUxqp1XfQCGIhXjiD_SXQmdZOpZY_ksXR9-gRRCpb3-0Xfzsvhva_xIhNhajQmQc6w2ieVrVCg1I4fqlVYMOBqE8R9lt6V7QA";
    private static final String KEYS = "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\",\"kid\":\"priming\",\"n\":\"wIB8NctSiz2RC-vBDISNQNtUmsYAdGDGNPe-OnJXfbaSEcr_OyskYCv0qgxbn6d4wQF221b1vOkwr_8p1yiS4mi6I4-wzWSKs2IoJYt_4Wlk2vKsCKbwu4RU0Ha8EyJZ5FRaOzr_a9nx0jiJfjkIG5Q07GDOpOOJLJxi56PfcVdnO6G6DKYh3q2aPZ37BTJ0djp8IUnVVrTuzeUJZW4t5rAtSVg1vGdyjV6yb8YM6SDxijvAaAkdlYB2P32xjoRdt8siDevhWos6AAE-89NfRVyEjEVQcCuGF11p9fC-1HRwm2ylXP9gIQURarYW-HBejV-kK0ImIERQG4wnNnWsmQ\"}]}";

    private BrowserPriming() {
    }

    /** The sign-in secret as Secrets Manager would answer for it. */
    static CannedHttpClient.Answer secretAnswer() {
        String secret = "{\"issuer\":\"" + ISSUER + "\",\"clientId\":\"" + CLIENT_ID + "\",\"publicBaseUrl\":\""
                + "https://priming.invalid\",\"sessionKey\":\"" + SESSION_KEY + "\"}";
        return new CannedHttpClient.Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1",
                "x-amzn-RequestId", "priming"), "{\"Name\":\"priming\",\"SecretString\":"
                + dev.mwaalogin.internal.Json.quote(secret) + "}");
    }

    /** The provider: discovery, keys and a token endpoint, all from memory. */
    static OidcHttp provider() {
        return new OidcHttp() {
            @Override
            public Answer get(URI uri, Deadline deadline) {
                return uri.getPath().endsWith("/jwks") ? new Answer(200, KEYS)
                        : new Answer(200, "{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER
                        + "/authorize\",\"token_endpoint\":\"" + ISSUER + "/token\",\"jwks_uri\":\"" + ISSUER
                        + "/jwks\",\"end_session_endpoint\":\"" + ISSUER + "/logout\"}");
            }

            @Override
            public Answer postForm(URI uri, String form, String authorization, Deadline deadline) {
                return new Answer(200, "{\"token_type\":\"Bearer\",\"id_token\":\"" + ID_TOKEN + "\"}");
            }
        };
    }

    /** The events priming sends: the redirect to the provider, the callback, and a script with a bearer token. */
    static List<String> events(String environment) {
        String flow = CookieSeal.create("flow", List.of(SESSION_KEY.getBytes(StandardCharsets.UTF_8)))
                .seal(Map.of("state", STATE, "nonce", NONCE, "verifier", CODE_VERIFIER, "environment", environment),
                        Instant.now().plusSeconds(60));
        String context = "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"$default\","
                + "\"requestId\":\"priming\"}";
        return List.of(
                "{\"version\":\"2.0\",\"routeKey\":\"ANY /login\",\"rawPath\":\"/login\",\"headers\":"
                        + "{\"accept\":\"text/html\"}," + context + "}",
                "{\"version\":\"2.0\",\"routeKey\":\"ANY /oauth2/callback\",\"rawPath\":\"/oauth2/callback\","
                        + "\"queryStringParameters\":{\"code\":\"priming\",\"state\":\"" + STATE + "\"},"
                        + "\"cookies\":[\"" + BrowserSignIn.FLOW_COOKIE + "=" + flow + "\"]," + context + "}",
                "{\"version\":\"2.0\",\"routeKey\":\"ANY /login\",\"rawPath\":\"/login\",\"queryStringParameters\":"
                        + "{\"format\":\"json\"},\"headers\":{\"authorization\":\"Bearer " + ID_TOKEN + "\"},"
                        + context + "}");
    }
}

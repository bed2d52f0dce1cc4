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
    /** aud priming, sub priming, nonce priming-nonce, cognito:groups [priming], exp 2100-01-01. */
    static final String ID_TOKEN = "eyJraWQiOiJwcmltaW5nIiwiYWxnIjoiUlMyNTYifQ.eyJhdWQiOiJwcmltaW5nIiwic3ViIjoicHJpbWluZyIsImNvZ25pdG86Z3JvdXBzIjpbInByaW1pbmciXSwiaXNzIjoiaHR0cHM6Ly9wcmltaW5nLmludmFsaWQvaWRwIiwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE3NjQwMDAwMDAsIm5vbmNlIjoicHJpbWluZy1ub25jZSIsImVtYWlsIjoicHJpbWluZ0BwcmltaW5nLmludmFsaWQifQ.g45g3jx9GbdYXa05YeL9lCJ_l8_iMKmfW4HrFgeidzxIp_IZwGkmrzrHq-OB9asXt8HoLEphws_wYZTaQkihSJNDdryhDXwR1ckS354S-BHkJYzZNq3kKHssY8hZv_2xBwVYbI3NM7ePhtxam5QFwkOv8MWOMH11m7VXzsCIypeworcRlyM8yO4LJKYDUgYcNywNfHT4te2d9SplsLpLXRyuuKKKKideqNim7Q1tbeaQzcAWh2FcVVxmcix5SbKz69mKIbSUwHJLRyOukZKgKle5Tf5TdkzbqcnO33rSWKytMyzbOdzTDSyLalU3bZDmcQhC9i1RGGl9RG4NWRL51g";
    private static final String KEYS = "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\",\"kid\":\"priming\",\"n\":\"kkeiQL6DBwYdGSGO6rJSmfP3ObhDMnoK4ZwjxcjoeWF5cxh3voK2Y3YXJw53_WzOpjKouMz3O1PSbOaf11XROJVm1GDTJNa2LpcgiJZ76J-9adf0EvgiXpZ5AwBdQfz0Si4WHs93rQqumdZbUVcaNH8GzIpvyvmA7D4iDt6osu9Bubx1mfeKtL4iAAJA09nqJG_NQYzXybyaItFobLafsSgSdPT81tmLrI5Dij8qCLz8PdoD9ch5leDZEPP9Q20gmwwCv7n6Yp2MTweMhwokdqDCHTS-76NNY3nVyFB7t83fRHmMjh02-Uss8MTEf4D5LC5Bfyb1EKqYKtQHfgs75Q\"}]}";

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

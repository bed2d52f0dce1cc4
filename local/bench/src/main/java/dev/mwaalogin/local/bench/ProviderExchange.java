package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.LocalProvider;
import dev.mwaalogin.local.emulator.QueryParameters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * For scale: the local provider's token endpoint on its own. A callback's latency includes the function's code
 * exchange at the provider, here mock-oauth2-server in the benchmark's own JVM on the same two cores; this client
 * does the same exchange itself (its own authorization request with PKCE, the provider's login page, then the
 * token request) and times the token request alone. Nothing it receives is printed.
 */
final class ProviderExchange {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalProvider provider;
    private final URI tokenEndpoint;
    private final ProviderLoginPage page = new ProviderLoginPage();

    ProviderExchange(LocalProvider provider) throws IOException {
        this.provider = provider;
        HttpResponse<String> discovery = page.send(HttpRequest.newBuilder(URI.create(provider.issuer()
                + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(30)).build());
        this.tokenEndpoint = URI.create(new ObjectMapper().readTree(discovery.body()).path("token_endpoint")
                .asText());
    }

    /** One authorization code exchanged for {@code person}; how long the token request took, in milliseconds. */
    double exchange(String person, String group) throws IOException {
        String verifier = random(48);
        String redirect = Stage.PUBLIC_BASE_URL + "/oauth2/callback";
        URI authorize = URI.create(provider.issuer() + "/authorize?response_type=code&scope=openid&client_id="
                + encode(LocalProvider.CLIENT_ID) + "&redirect_uri=" + encode(redirect) + "&state=" + random(16)
                + "&nonce=" + random(16) + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        String code = QueryParameters.parse(page.approve(authorize, person, group).getRawQuery()).get("code");
        if (code == null) {
            throw new IOException("the provider issued no code");
        }
        HttpRequest token = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + encode(code)
                        + "&redirect_uri=" + encode(redirect) + "&client_id=" + encode(LocalProvider.CLIENT_ID)
                        + "&code_verifier=" + verifier)).build();
        long started = System.nanoTime();
        HttpResponse<String> answer = page.send(token);
        double millis = (System.nanoTime() - started) / 1e6;
        if (answer.statusCode() != 200 || !answer.body().contains("\"id_token\"")) {
            throw new IOException("the provider's token endpoint answered " + answer.statusCode());
        }
        return millis;
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

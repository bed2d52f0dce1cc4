package dev.mwaalogin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mwaalogin.oidc.ProviderDeadline;
import dev.mwaalogin.oidc.OidcHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenID provider in memory, for unit tests of the browser sign-in: discovery, keys, the token endpoint with
 * PKCE checked and codes spent on first use, ID tokens signed with a real RSA key. The "sign in at the provider"
 * step is {@link #authorize}, which the test calls with what the browser would have been sent with.
 */
final class InMemoryProvider implements OidcHttp {

    static final String ISSUER = "https://idp.example.com/tenant";
    static final String CLIENT_ID = "mwaa-login-client";

    final RSAKey key;
    final List<String> calls = new ArrayList<>();
    /** When set, every call fails like a provider that is down (or, with timeout, one that never answers). */
    boolean down;
    boolean timeout;
    boolean endSession = true;
    private final Clock clock;
    private final Map<String, Map<String, String>> codes = new HashMap<>();

    InMemoryProvider(Clock clock) {
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs the person in as the browser would after being sent to {@code authorizeUri}: checks the request and
     * returns a code for it.
     */
    String authorize(URI authorizeUri, Map<String, Object> claims) {
        Map<String, String> query = query(authorizeUri.getRawQuery());
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                || !"S256".equals(query.get("code_challenge_method"))) {
            throw new IllegalStateException("not an authorization code request with PKCE: " + query.keySet());
        }
        String code = UUID.randomUUID().toString();
        Map<String, String> grant = new HashMap<>(query);
        grant.put("claims", com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims));
        codes.put(code, grant);
        return code;
    }

    /** An ID token for this client, as the token endpoint would issue it, without a nonce (a bearer token). */
    String token(Map<String, Object> claims) {
        return sign(claims, null, ISSUER, CLIENT_ID);
    }

    String sign(Map<String, Object> claims, String nonce, String issuer, String audience) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .subject("sub-" + claims.getOrDefault("email", "x")).issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plusSeconds(3600)));
        if (nonce != null) {
            builder.claim("nonce", nonce);
        }
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Answer get(URI uri, ProviderDeadline deadline) throws IOException {
        calls.add("GET " + uri.getPath());
        fail();
        if (uri.getPath().endsWith("/.well-known/openid-configuration")) {
            return new Answer(200, "{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER
                    + "/authorize\",\"token_endpoint\":\"" + ISSUER + "/token\",\"jwks_uri\":\"" + ISSUER + "/jwks\""
                    + (endSession ? ",\"end_session_endpoint\":\"" + ISSUER + "/logout\"" : "") + "}");
        }
        if (uri.getPath().endsWith("/jwks")) {
            return new Answer(200, new JWKSet(key.toPublicJWK()).toString());
        }
        return new Answer(404, "{}");
    }

    @Override
    public Answer postForm(URI uri, String form, String authorization, ProviderDeadline deadline) throws IOException {
        calls.add("POST " + uri.getPath());
        fail();
        Map<String, String> body = query(form);
        Map<String, String> grant = codes.remove(body.get("code"));
        if (grant == null) {
            return new Answer(400, "{\"error\":\"invalid_grant\"}");
        }
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getOrDefault("code_verifier", "").getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!challenge.equals(grant.get("code_challenge")) || !grant.get("redirect_uri").equals(
                body.get("redirect_uri"))) {
            return new Answer(400, "{\"error\":\"invalid_grant\"}");
        }
        Map<String, Object> claims;
        try {
            claims = com.nimbusds.jose.util.JSONObjectUtils.parse(grant.get("claims"));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        return new Answer(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
                + sign(claims, grant.get("nonce"), ISSUER, CLIENT_ID) + "\"}");
    }

    private void fail() throws IOException {
        if (timeout) {
            throw new SocketTimeoutException("the provider did not answer");
        }
        if (down) {
            throw new java.net.ConnectException("connection refused");
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}

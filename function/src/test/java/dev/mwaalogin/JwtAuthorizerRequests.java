package dev.mwaalogin;

import dev.mwaalogin.request.LoginRequest;
import dev.mwaalogin.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests as an HTTP API with a JWT authorizer hands them to the function: the token the caller sent stays in the
 * {@code Authorization} header, and the authorizer's claims are that token's claims flattened the way API Gateway
 * flattens them (every value a string, an array as {@code [a b]}). The token is not signed: API Gateway checked the
 * signature before the function ran, and the function does not check it again.
 */
public final class JwtAuthorizerRequests {

    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";

    private JwtAuthorizerRequests() {
    }

    /** The token's claims: these, with iss, sub, iat and exp added where missing. */
    public static Map<String, Object> claims(Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", ISSUER);
        all.put("sub", "sub-" + Integer.toHexString(claims.hashCode()));
        all.put("iat", 1_764_400_000L);
        all.put("exp", 4_102_444_800L);
        all.putAll(claims);
        return all;
    }

    /** {@code Bearer <header>.<payload>.} for these claims (exactly these: no defaults added). */
    public static String authorization(Map<String, Object> claims) {
        return "Bearer eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                json(claims).getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** What an HTTP API's JWT authorizer passes on for these claims. */
    public static Map<String, String> flattened(Map<String, Object> claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.forEach((name, value) -> flat.put(name, value instanceof List<?> list
                ? "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]" : String.valueOf(value)));
        return flat;
    }

    /** A JSON request for {@code path} by the caller these claims (defaults added) name. */
    static LoginRequest request(String path, Map<String, Object> claims) {
        Map<String, Object> all = claims(claims);
        return request(path, authorization(all), flattened(all));
    }

    static LoginRequest request(String path, String authorization, Map<String, String> authorizerClaims) {
        return new LoginRequest("GET", path, null, Map.of("format", "json"), null, authorization, null,
                new LoginRequest.Authorizer(authorizerClaims, null), new LoginRequest.Gateway("HnRk2hFmoAMEJdg=",
                null, null));
    }

    static String json(Map<String, ?> claims) {
        StringBuilder out = new StringBuilder("{");
        claims.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(Json.quote(name)).append(':').append(value(value));
        });
        return out.append('}').toString();
    }

    private static String value(Object value) {
        if (value instanceof String text) {
            return Json.quote(text);
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : list) {
                out.append(out.length() > 1 ? "," : "").append(value(item));
            }
            return out.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, item) -> object.put(String.valueOf(key), item));
            return json(object);
        }
        return String.valueOf(value);
    }
}

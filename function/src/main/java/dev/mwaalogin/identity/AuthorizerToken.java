package dev.mwaalogin.identity;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.internal.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The claims of the token API Gateway's JWT authorizer verified, with their JSON types, read back from the
 * {@code Authorization} header the authorizer took it from.
 *
 * <p>Why not the authorizer's own claims: an HTTP API hands the function every claim as a string and an array as
 * {@code [a b]}, which no reader can split back into the groups that were issued ({@code ["Helpdesk Admins"]} and
 * {@code ["Helpdesk","Admins"]} look alike), and {@code email_verified} as the text "true". The signature is not
 * checked again: API Gateway did that. What is checked is that this is the token it checked: the header's
 * {@code iss}, {@code sub}, {@code iat} and {@code exp} must equal the authorizer's, so a second token put in the
 * header (which only the verified one's issuer and subject could sign alike) is refused.
 */
final class AuthorizerToken {

    /** The claims that tie the header's token to the one the authorizer verified. */
    static final List<String> ANCHORS = List.of("iss", "sub", "iat", "exp");
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final String BEARER = "bearer ";

    private AuthorizerToken() {
    }

    /**
     * @param authorization    the request's {@code Authorization} header: the token, with or without "Bearer "
     * @param authorizerClaims the claims API Gateway's authorizer passed on
     * @throws Failed a {@code NO_IDENTITY} refusal when the header holds no token, or not the authorizer's
     */
    static Map<String, Object> claims(String authorization, Map<String, String> authorizerClaims) {
        if (authorization == null) {
            throw Failed.refused(Failure.Reason.NO_IDENTITY, "NoAuthorizerToken");
        }
        String token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()) : authorization;
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (token.length() > MAX_TOKEN_CHARS || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw Failed.refused(Failure.Reason.NO_IDENTITY, "AuthorizerTokenUnreadable");
        }
        Map<String, Object> claims;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            claims = JsonReader.object(JsonReader.parse(new String(payload, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException unreadable) {
            throw Failed.refused(Failure.Reason.NO_IDENTITY, "AuthorizerTokenUnreadable");
        }
        for (String anchor : ANCHORS) {
            String vouched = authorizerClaims.get(anchor);
            if (vouched == null || !vouched.equals(text(claims.get(anchor)))) {
                throw Failed.refused(Failure.Reason.NO_IDENTITY, "NotTheAuthorizersToken");
            }
        }
        return claims;
    }

    /** A claim as API Gateway renders it: a string as itself, a number as written. */
    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        return value instanceof JsonReader.JsonNumber number ? number.text() : null;
    }
}

package dev.mwaalogin;

import java.util.List;
import java.util.Map;

/**
 * The parts of an API Gateway request that decide a login, whichever payload version carried them. The entry classes
 * make it; {@link LoginService} only reads it.
 *
 * @param method               the HTTP method, as sent
 * @param path                 the matched route ({@code /login/{environment}}) or, without one, the request path
 * @param environmentParameter the {@code environment} path parameter, if API Gateway extracted one
 * @param query                the query parameters (repeated values joined by ','); never null
 * @param accept               the {@code Accept} header, or null
 * @param authorization        the {@code Authorization} header, or null (browser modes read bearer tokens from it)
 * @param cookies              the request's cookies as {@code name=value} strings; never null
 * @param authorizer           what API Gateway's authorizer vouched for; {@link Authorizer#NONE} when nothing
 * @param gatewayRequestId     API Gateway's request id, for joining the function's log line to the access log
 */
public record LoginRequest(String method, String path, String environmentParameter, Map<String, String> query,
                           String accept, String authorization, List<String> cookies, Authorizer authorizer,
                           String gatewayRequestId) {

    public LoginRequest {
        query = query == null ? Map.of() : query;
        cookies = cookies == null ? List.of() : cookies;
        authorizer = authorizer == null ? Authorizer.NONE : authorizer;
    }

    /** A request with only the parts a plain login reads, for tests and priming. */
    public static LoginRequest of(String method, String path, Map<String, String> query, String accept) {
        return new LoginRequest(method, path, null, query, accept, null, null, Authorizer.NONE, null);
    }

    /** The {@code format} query parameter, or null. */
    public String format() {
        return query.get("format");
    }

    /**
     * What API Gateway's authorizer vouched for: the claims of a JWT it verified, or the ARN of the IAM principal whose
     * signature it verified. Nothing else about a request says who is calling.
     *
     * @param jwtClaims    the verified token's claims (each value a string, as API Gateway passes them); never null
     * @param principalArn the signing principal's ARN ({@code arn:aws:sts::…:assumed-role/…/…}), or null
     */
    public record Authorizer(Map<String, String> jwtClaims, String principalArn) {

        public static final Authorizer NONE = new Authorizer(Map.of(), null);

        public Authorizer {
            jwtClaims = jwtClaims == null ? Map.of() : jwtClaims;
        }
    }

    /** Looks a header up by name regardless of case; of several spellings the first in the map's order wins. */
    static String header(Map<String, String> headers, String name) {
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                    return header.getValue();
                }
            }
        }
        return null;
    }
}

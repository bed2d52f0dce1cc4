package dev.mwaalogin.request;

import java.util.List;
import java.util.Map;

/**
 * The parts of an API Gateway request that decide a login, whichever payload version carried them. The entry classes
 * make it; {@link dev.mwaalogin.LoginService} only reads it.
 *
 * @param method               the HTTP method, as sent
 * @param path                 the matched route ({@code /login/{environment}}) or, without one, the request path
 * @param environmentParameter the {@code environment} path parameter, if API Gateway extracted one
 * @param query                the query parameters (repeated values joined by ','); never null
 * @param accept               the {@code Accept} header, or null
 * @param authorization        the {@code Authorization} header, or null (browser modes read bearer tokens from it)
 * @param cookies              the request's cookies as {@code name=value} strings; never null
 * @param authorizer           what API Gateway's authorizer vouched for; {@link Authorizer#NONE} when nothing
 * @param gateway              what API Gateway says about the request itself; {@link Gateway#NONE} when nothing
 * @param apiPath              the Airflow path of an {@code /api/{environment}/{proxy+}} route (its {@code proxy}
 *                             path parameter), or null
 * @param body                 the request's body; {@link Body#NONE} when none
 */
public record LoginRequest(String method, String path, String environmentParameter, Map<String, String> query,
                           String accept, String authorization, List<String> cookies, Authorizer authorizer,
                           Gateway gateway, String apiPath, Body body) {

    public LoginRequest {
        query = query == null ? Map.of() : query;
        cookies = cookies == null ? List.of() : cookies;
        authorizer = authorizer == null ? Authorizer.NONE : authorizer;
        gateway = gateway == null ? Gateway.NONE : gateway;
        body = body == null ? Body.NONE : body;
    }

    /** A request without a body or an Airflow path: every route but {@code /api}. */
    public LoginRequest(String method, String path, String environmentParameter, Map<String, String> query,
                        String accept, String authorization, List<String> cookies, Authorizer authorizer,
                        Gateway gateway) {
        this(method, path, environmentParameter, query, accept, authorization, cookies, authorizer, gateway, null,
                Body.NONE);
    }

    /**
     * A request's body as API Gateway passes it.
     *
     * @param text   the body, or null for none
     * @param base64 whether API Gateway base64-encoded it (a body it did not take for text)
     */
    public record Body(String text, boolean base64) {

        public static final Body NONE = new Body(null, false);
    }

    /**
     * What API Gateway's request context says about the request: set by API Gateway, not by the caller.
     *
     * @param requestId  API Gateway's request id, which its access log names too
     * @param domainName the domain the request came in on (the API's own or a custom domain)
     * @param apiId      the API's id
     */
    public record Gateway(String requestId, String domainName, String apiId) {

        public static final Gateway NONE = new Gateway(null, null, null);
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
    public static String header(Map<String, String> headers, String name) {
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

package dev.mwaalogin.lambda;

import dev.mwaalogin.internal.Json;
import dev.mwaalogin.internal.JsonReader;
import static dev.mwaalogin.internal.JsonReader.array;
import static dev.mwaalogin.internal.JsonReader.object;
import static dev.mwaalogin.internal.JsonReader.text;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * API Gateway's Lambda proxy events, read from the invocation's JSON into the event library's own types, and the
 * answers written back as JSON.
 *
 * <p>Why not let the runtime map them: its reflection-based mapping loads and links a few hundred classes (Jackson and
 * its modules) on every cold start. Reading the few dozen fields here fills the same types for a fraction of that;
 * {@code EventModelIT} checks the result equals what the runtime's own mapping makes of the same JSON.
 */
public final class ProxyEvents {

    private ProxyEvents() {
    }

    /**
     * Reads the whole invocation as JSON.
     *
     * @throws JsonReader.MalformedJson when it is not JSON
     */
    public static Object readJson(InputStream input) {
        try {
            return JsonReader.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API event (payload format 2.0). Absent parts stay null, as the runtime leaves them. */
    public static APIGatewayV2HTTPEvent httpApiEvent(Object json) {
        Object context = object(json).get("requestContext");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(json, "version"))
                .withRouteKey(text(json, "routeKey"))
                .withRawPath(text(json, "rawPath"))
                .withRawQueryString(text(json, "rawQueryString"))
                .withCookies(strings(json, "cookies"))
                .withHeaders(stringMap(json, "headers"))
                .withQueryStringParameters(stringMap(json, "queryStringParameters"))
                .withPathParameters(stringMap(json, "pathParameters"))
                .withStageVariables(stringMap(json, "stageVariables"))
                .withBody(text(json, "body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(object(json).get("isBase64Encoded")))
                .withRequestContext(context instanceof Map ? httpApiContext(context) : null)
                .build();
    }

    private static RequestContext httpApiContext(Object context) {
        Object http = object(context).get("http");
        Object authorizer = object(context).get("authorizer");
        return RequestContext.builder()
                .withRouteKey(text(context, "routeKey"))
                .withAccountId(text(context, "accountId"))
                .withStage(text(context, "stage"))
                .withApiId(text(context, "apiId"))
                .withDomainName(text(context, "domainName"))
                .withDomainPrefix(text(context, "domainPrefix"))
                .withTime(text(context, "time"))
                .withTimeEpoch(Objects.requireNonNullElse(integer(object(context).get("timeEpoch")), 0L))
                .withRequestId(text(context, "requestId"))
                .withHttp(http instanceof Map ? RequestContext.Http.builder()
                        .withMethod(text(http, "method"))
                        .withPath(text(http, "path"))
                        .withProtocol(text(http, "protocol"))
                        .withSourceIp(text(http, "sourceIp"))
                        .withUserAgent(text(http, "userAgent"))
                        .build() : null)
                .withAuthorizer(authorizer instanceof Map ? httpApiAuthorizer(authorizer) : null)
                .build();
    }

    private static RequestContext.Authorizer httpApiAuthorizer(Object authorizer) {
        Object jwt = object(authorizer).get("jwt");
        Object iam = object(authorizer).get("iam");
        Object lambda = object(authorizer).get("lambda");
        Object cognito = object(iam).get("cognitoIdentity");
        return RequestContext.Authorizer.builder()
                .withJwt(jwt instanceof Map ? RequestContext.Authorizer.JWT.builder()
                        .withClaims(stringMap(jwt, "claims"))
                        .withScopes(strings(jwt, "scopes"))
                        .build() : null)
                .withIam(iam instanceof Map ? RequestContext.IAM.builder()
                        .withAccessKey(text(iam, "accessKey"))
                        .withAccountId(text(iam, "accountId"))
                        .withCallerId(text(iam, "callerId"))
                        .withCognitoIdentity(cognito instanceof Map ? RequestContext.CognitoIdentity.builder()
                                .withAmr(strings(cognito, "amr"))
                                .withIdentityId(text(cognito, "identityId"))
                                .withIdentityPoolId(text(cognito, "identityPoolId"))
                                .build() : null)
                        .withPrincipalOrgId(text(iam, "principalOrgId"))
                        .withUserArn(text(iam, "userArn"))
                        .withUserId(text(iam, "userId"))
                        .build() : null)
                .withLambda(lambda instanceof Map ? plain(object(lambda)) : null)
                .build();
    }

    /** A REST API event (payload format 1.0). Absent parts stay null, as the runtime leaves them. */
    public static APIGatewayProxyRequestEvent restApiEvent(Object json) {
        Object context = object(json).get("requestContext");
        Object isBase64 = object(json).get("isBase64Encoded");
        return new APIGatewayProxyRequestEvent()
                .withVersion(text(json, "version"))
                .withResource(text(json, "resource"))
                .withPath(text(json, "path"))
                .withHttpMethod(text(json, "httpMethod"))
                .withHeaders(stringMap(json, "headers"))
                .withMultiValueHeaders(multiMap(json, "multiValueHeaders"))
                .withQueryStringParameters(stringMap(json, "queryStringParameters"))
                .withMultiValueQueryStringParameters(multiMap(json, "multiValueQueryStringParameters"))
                .withPathParameters(stringMap(json, "pathParameters"))
                .withStageVariables(stringMap(json, "stageVariables"))
                .withBody(text(json, "body"))
                .withIsBase64Encoded(isBase64 instanceof Boolean ? (Boolean) isBase64 : null)
                .withRequestContext(context instanceof Map ? restApiContext(context) : null);
    }

    private static ProxyRequestContext restApiContext(Object context) {
        Object identity = object(context).get("identity");
        Object authorizer = object(context).get("authorizer");
        ProxyRequestContext proxy = new ProxyRequestContext()
                .withAccountId(text(context, "accountId"))
                .withStage(text(context, "stage"))
                .withResourceId(text(context, "resourceId"))
                .withRequestId(text(context, "requestId"))
                .withResourcePath(text(context, "resourcePath"))
                .withHttpMethod(text(context, "httpMethod"))
                .withApiId(text(context, "apiId"))
                .withPath(text(context, "path"))
                .withDomainName(text(context, "domainName"))
                .withDomainPrefix(text(context, "domainPrefix"))
                .withOperationName(text(context, "operationName"))
                .withExtendedRequestId(text(context, "extendedRequestId"))
                .withRequestTime(text(context, "requestTime"))
                .withRequestTimeEpoch(integer(object(context).get("requestTimeEpoch")))
                .withProtocol(text(context, "protocol"))
                .withIdentity(identity instanceof Map ? new RequestIdentity()
                        .withCognitoIdentityPoolId(text(identity, "cognitoIdentityPoolId"))
                        .withCognitoIdentityId(text(identity, "cognitoIdentityId"))
                        .withApiKey(text(identity, "apiKey"))
                        .withCognitoAuthenticationType(text(identity, "cognitoAuthenticationType"))
                        .withCognitoAuthenticationProvider(text(identity, "cognitoAuthenticationProvider"))
                        .withAccountId(text(identity, "accountId"))
                        .withCaller(text(identity, "caller"))
                        .withUser(text(identity, "user"))
                        .withUserArn(text(identity, "userArn"))
                        .withAccessKey(text(identity, "accessKey"))
                        .withPrincipalOrgId(text(identity, "principalOrgId"))
                        .withSourceIp(text(identity, "sourceIp"))
                        .withUserAgent(text(identity, "userAgent")) : null);
        proxy.setAuthorizer(authorizer instanceof Map ? plain(object(authorizer)) : null);
        return proxy;
    }

    /** Writes an HTTP API answer: payload 2.0 takes cookies as their own list. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        Json json = new Json().number("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.object("headers", response.getHeaders());
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            json.array("cookies", response.getCookies());
        }
        json.field("body", response.getBody()).bool("isBase64Encoded", response.getIsBase64Encoded());
        output.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a REST API answer: payload 1.0 repeats a header (Set-Cookie) only in its multi-value map. */
    public static void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        Json json = new Json().number("statusCode", response.getStatusCode() == null ? 500 : response.getStatusCode());
        if (response.getHeaders() != null) {
            json.object("headers", response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null && !response.getMultiValueHeaders().isEmpty()) {
            Json multi = new Json();
            response.getMultiValueHeaders().forEach(multi::array);
            json.object("multiValueHeaders", multi);
        }
        json.field("body", response.getBody())
                .bool("isBase64Encoded", Boolean.TRUE.equals(response.getIsBase64Encoded()));
        output.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A map of strings, as the runtime's mapping makes one: numbers and booleans become their text, null stays
     * null. An array (a JWT claim some path left as JSON) becomes its JSON text, so no group is lost.
     */
    private static Map<String, String> stringMap(Object root, String name) {
        Object node = object(root).get(name);
        if (!(node instanceof Map)) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        object(node).forEach((key, value) -> {
            if (value == null || value instanceof String) {
                map.put(key, (String) value);
            } else if (value instanceof JsonReader.JsonNumber) {
                map.put(key, ((JsonReader.JsonNumber) value).text());
            } else if (value instanceof Boolean) {
                map.put(key, value.toString());
            } else if (value instanceof List) {
                map.put(key, jsonText((List<?>) value));
            }
        });
        return map;
    }

    private static Map<String, List<String>> multiMap(Object root, String name) {
        Object node = object(root).get(name);
        if (!(node instanceof Map)) {
            return null;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        object(node).forEach((key, value) -> {
            List<Object> values = array(value);
            if (values != null) {
                List<String> texts = new ArrayList<>(values.size());
                values.forEach(item -> texts.add(item instanceof String ? (String) item : null));
                map.put(key, texts);
            } else if (value == null) {
                map.put(key, null);
            }
        });
        return map;
    }

    private static List<String> strings(Object root, String name) {
        List<Object> values = array(object(root).get(name));
        if (values == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(values.size());
        values.forEach(item -> texts.add(item instanceof String ? (String) item : null));
        return texts;
    }

    /** A JSON integer that fits a long, else null. */
    private static Long integer(Object value) {
        if (value instanceof JsonReader.JsonNumber) {
            try {
                return Long.valueOf(((JsonReader.JsonNumber) value).text());
            } catch (NumberFormatException notALong) {
                return null;
            }
        }
        return null;
    }

    /**
     * A free-form part (a Lambda authorizer's context) as the runtime's mapping makes it: plain maps and lists, and
     * numbers as the smallest of Integer, Long and BigInteger that holds them, or a Double.
     */
    @SuppressWarnings("unchecked")
    private static <T> T plain(T value) {
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            object(value).forEach((key, item) -> map.put(key, plain(item)));
            return (T) map;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(item -> list.add(plain(item)));
            return (T) list;
        }
        if (value instanceof JsonReader.JsonNumber) {
            String text = ((JsonReader.JsonNumber) value).text();
            if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                return (T) Double.valueOf(text);
            }
            BigInteger integer = new BigInteger(text);
            return (T) (integer.bitLength() < 32 ? (Number) integer.intValue()
                    : integer.bitLength() < 64 ? (Number) integer.longValue() : integer);
        }
        return value;
    }

    private static String jsonText(List<?> values) {
        StringBuilder text = new StringBuilder("[");
        for (Object value : values) {
            if (value instanceof String) {
                text.append(text.length() > 1 ? "," : "").append(Json.quote((String) value));
            }
        }
        return text.append(']').toString();
    }
}

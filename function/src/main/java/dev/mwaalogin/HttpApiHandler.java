package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mwaalogin.internal.Priming;
import dev.mwaalogin.internal.ProxyEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Entry point for an API Gateway HTTP API (payload format 2.0): {@link APIGatewayV2HTTPEvent} in, a
 * {@link LoginRequest} to {@link LoginService}, an {@link APIGatewayV2HTTPResponse} out.
 *
 * <p>A stream handler that fills the event type itself ({@link ProxyEvents}) rather than leaving it to the runtime's
 * reflective mapping, which costs a cold start a few hundred classes; {@link #handle} is the typed entry for tests.
 */
public final class HttpApiHandler implements RequestStreamHandler {

    private final LoginService service;

    /** Used by Lambda: reads the configuration and builds the SDK clients once, during init. */
    public HttpApiHandler() {
        this(Entry.shared(service -> () -> new HttpApiHandler(service.forPriming()).prime()));
    }

    HttpApiHandler(LoginService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ProxyEvents.write(Entry.answer(service, input, in -> loginRequest(ProxyEvents.httpApiEvent(
                ProxyEvents.readJson(in))), HttpApiHandler::answer, context), output);
    }

    /** Handles one event; never throws. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return Entry.answer(service, event, HttpApiHandler::loginRequest, HttpApiHandler::answer, context);
    }

    static LoginRequest loginRequest(APIGatewayV2HTTPEvent event) {
        RequestContext context = event.getRequestContext();
        RequestContext.Http http = context == null ? null : context.getHttp();
        Map<String, String> headers = event.getHeaders();
        Map<String, String> path = event.getPathParameters();
        return new LoginRequest(
                http == null ? null : http.getMethod(),
                path(event.getRouteKey(), event.getRawPath(), context == null ? null : context.getStage()),
                path == null ? null : path.get("environment"),
                event.getQueryStringParameters(),
                LoginRequest.header(headers, "accept"),
                LoginRequest.header(headers, "authorization"),
                event.getCookies(),
                authorizer(context == null ? null : context.getAuthorizer()),
                context == null ? LoginRequest.Gateway.NONE : new LoginRequest.Gateway(context.getRequestId(),
                        context.getDomainName(), context.getApiId()));
    }

    /** The matched route's path (e.g. {@code /login/{environment}}), else the raw path without its stage. */
    private static String path(String routeKey, String rawPath, String stage) {
        if (routeKey != null && !routeKey.equals("$default") && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        if (rawPath != null && stage != null && !stage.equals("$default") && rawPath.startsWith("/" + stage + "/")) {
            return rawPath.substring(stage.length() + 1);
        }
        return rawPath;
    }

    /** The JWT authorizer's verified claims, or the IAM authorizer's verified principal. */
    private static LoginRequest.Authorizer authorizer(RequestContext.Authorizer authorizer) {
        if (authorizer == null) {
            return LoginRequest.Authorizer.NONE;
        }
        Map<String, String> claims = authorizer.getJwt() == null ? null : authorizer.getJwt().getClaims();
        String principal = authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
        return new LoginRequest.Authorizer(claims, principal);
    }

    private static APIGatewayV2HTTPResponse answer(LoginResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.statusCode())
                .withHeaders(response.headers())
                .withCookies(response.cookies().isEmpty() ? null : response.cookies())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * The events SnapStart priming sends through the whole handler: one JSON and one redirect login, by a caller both
     * authorizers vouch for, so that whichever {@code AUTH_MODE} reads is there: an IAM role session, and a JWT
     * whose token (unsigned: API Gateway would have checked it) is in the Authorization header as API Gateway leaves
     * it. A function that signs browsers in gets them without the header, which it would read as a script's bearer
     * token: they prime its answers to a caller with neither session nor token.
     */
    static List<String> primingEvents(boolean signsBrowsersIn) {
        String token = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((
                "{\"iss\":\"https://priming.invalid/jwt\",\"sub\":\"priming\",\"iat\":1764000000,"
                + "\"exp\":4102444800,\"email\":\"priming@priming.invalid\",\"email_verified\":true}")
                .getBytes(StandardCharsets.UTF_8)) + ".";
        String event = "{\"version\":\"2.0\",\"routeKey\":\"ANY /login\",\"rawPath\":\"/login\","
                + "\"queryStringParameters\":{\"format\":\"%s\"},\"headers\":{\"accept\":\"*/*\""
                + (signsBrowsersIn ? "" : ",\"authorization\":\"Bearer " + token + "\"")
                + "},\"requestContext\":{\"http\":{\"method\":\"GET\"},"
                + "\"stage\":\"$default\",\"requestId\":\"priming\",\"authorizer\":{\"jwt\":{\"claims\":{"
                + "\"iss\":\"https://priming.invalid/jwt\",\"sub\":\"priming\",\"iat\":\"1764000000\","
                + "\"exp\":\"4102444800\",\"email\":\"priming@priming.invalid\",\"email_verified\":\"true\"}},"
                + "\"iam\":{\"userArn\":\"arn:aws:sts::000000000000:assumed-role/priming/priming\"}}}}";
        return List.of(String.format(event, "json"), String.format(event, "redirect"));
    }

    /** Sends the priming events through this handler (browser sign-in's too, when on); returns the answers. */
    List<String> prime() throws IOException {
        List<String> events = new java.util.ArrayList<>(primingEvents(service.signsBrowsersIn()));
        if (service.signsBrowsersIn()) {
            events.addAll(BrowserPriming.events(service.defaultEnvironment()));
        }
        return Priming.run(this, events);
    }
}

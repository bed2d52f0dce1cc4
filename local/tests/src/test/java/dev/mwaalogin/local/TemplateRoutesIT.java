package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.ACCOUNT;
import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.ISSUER;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.jwtTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.VPCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import dev.mwaalogin.local.template.SamTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No route is open in either gateway auth mode: every HTTP API route requires IAM by default and the JWT authorizer
 * (with the configured issuer and audiences) when AuthMode is JWT; the private REST API exists only with a VPC
 * endpoint, requires IAM through that endpoint alone, and answers its own errors with the protective headers. IAM
 * callers get a policy for the login routes.
 */
class TemplateRoutesIT {


    @Test
    void everyHttpApiRouteRequiresIamByDefault() {
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        assertEquals(List.of(), RouteChecks.routes(iam, "AWS_IAM"));
        assertEquals(Map.of("ANY /login", "AWS_IAM", "ANY /login/{environment}", "AWS_IAM", "ANY /oauth2/callback",
                "AWS_IAM", "ANY /logout", "AWS_IAM", "ANY /api/{environment}/{proxy+}", "AWS_IAM", "ANY /", "AWS_IAM"),
                RouteChecks.httpRoutes(iam));
    }

    @Test
    void everyHttpApiRouteUsesTheJwtAuthorizerWhenAuthModeIsJwt() {
        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        assertEquals(List.of(), RouteChecks.routes(jwt, "JWT"));
        assertEquals(Map.of("ANY /login", "JWT", "ANY /login/{environment}", "JWT", "ANY /oauth2/callback", "JWT",
                "ANY /logout", "JWT", "ANY /api/{environment}/{proxy+}", "JWT", "ANY /", "JWT"),
                RouteChecks.httpRoutes(jwt));
        JsonNode authorizer = jwt.single("AWS::ApiGatewayV2::Api").path("Properties").path("Body")
                .path("components").path("securitySchemes").path("JwtAuthorizer")
                .path("x-amazon-apigateway-authorizer");
        assertEquals(ISSUER, authorizer.path("jwtConfiguration").path("issuer").asText());
        assertEquals(List.of("app-client-1", "app-client-2"), texts(authorizer.path("jwtConfiguration")
                .path("audience")));
        assertEquals("$request.header.Authorization", authorizer.path("identitySource").asText());
    }

    /**
     * AWS_IAM: a caller needs execute-api:Invoke, and the stack hands over exactly that, for GET on the two login
     * routes of this API (the sign-in routes are for browser modes), as a managed policy and as JSON.
     */
    @Test
    void iamCallersGetAReadyPolicyForTheLoginRoutesAndNoOtherModeDoes() throws Exception {
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        assertEquals(java.util.Set.of("LoginCallerPolicy", "ApiCallerPolicy"), iam.ofType("AWS::IAM::ManagedPolicy")
                .keySet());
        JsonNode document = iam.resources().get("LoginCallerPolicy").path("Properties").path("PolicyDocument");
        assertEquals(1, document.path("Statement").size());
        JsonNode statement = document.path("Statement").get(0);
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals(List.of("execute-api:Invoke"), texts(statement.path("Action")));
        String routes = "arn:aws:execute-api:us-east-1:" + ACCOUNT + ":<Ref HttpApi>/$default/GET/";
        assertEquals(List.of(routes + "login", routes + "login/*", routes), texts(statement.path("Resource")));
        assertTrue(RouteChecks.httpRoutes(iam).keySet().containsAll(List.of("ANY /login", "ANY /login/{environment}")),
                "the routes the policy names exist");
        JsonNode outputs = iam.template().path("Outputs");
        assertEquals("<Ref LoginCallerPolicy>", outputs.path("CallerPolicyArn").path("Value").asText());
        assertEquals(document, new ObjectMapper().readTree(outputs.path("CallerPolicyDocument").path("Value")
                .asText()), "the JSON output is the managed policy's document");

        // Scripts calling Airflow's REST API get a policy of their own: every method on /api, nothing else.
        JsonNode api = iam.resources().get("ApiCallerPolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        assertEquals(1, api.size());
        assertEquals(List.of("execute-api:Invoke"), texts(api.get(0).path("Action")));
        assertEquals(List.of("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":<Ref HttpApi>/$default/*/api/*"),
                texts(api.get(0).path("Resource")));
        assertEquals("<Ref ApiCallerPolicy>", outputs.path("ApiCallerPolicyArn").path("Value").asText());

        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        assertEquals(Map.of(), jwt.ofType("AWS::IAM::ManagedPolicy"));
        assertFalse(jwt.template().path("Outputs").has("CallerPolicyArn"));
        assertFalse(jwt.template().path("Outputs").has("CallerPolicyDocument"));
    }

    @Test
    void samCannotPickTheHttpApiAuthorizerFromAParameterSoTheTemplateDoesNotAskItTo() throws Exception {
        // The trap the DefinitionBody avoids, kept honest: if this starts passing, SAM's Auth block could be used.
        String template = "Transform: AWS::Serverless-2016-10-31\n"
                + "Parameters:\n  AuthMode: {Type: String, Default: AWS_IAM}\n"
                + "Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Auth:\n"
                + "        EnableIamAuthorizer: true\n        DefaultAuthorizer: !Ref AuthMode\n";
        Path file = Files.createTempFile("sam-auth-trap", ".yaml");
        try {
            Files.writeString(file, template);
            SamTranslator.Result result = SamTranslator.run("translate", file.toString(), "AuthMode=AWS_IAM");
            assertEquals(2, result.exitCode(), result::stdout);
            assertTrue(result.stderr().contains("Auth.DefaultAuthorizer' should be a string"), result::stderr);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void privateRestApiExistsOnlyWithAnEndpointAndRequiresIamThroughIt() {
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        assertTrue(iam.ofType("AWS::ApiGateway::RestApi").isEmpty(), "no REST API without an endpoint id");
        assertEquals(1, iam.ofType("AWS::Lambda::Function").size());

        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        JsonNode api = jwt.single("AWS::ApiGateway::RestApi").path("Properties");
        assertEquals(List.of("PRIVATE"), texts(api.path("EndpointConfiguration").path("Types")));
        assertEquals(List.of(VPCE), texts(api.path("EndpointConfiguration").path("VpcEndpointIds")));
        assertEquals(Map.of("ANY /login", "AWS_IAM", "ANY /login/{environment}", "AWS_IAM"),
                RouteChecks.restRoutes(jwt));

        boolean deniesOtherSources = false;
        for (JsonNode statement : api.path("Body").path("x-amazon-apigateway-policy").path("Statement")) {
            if (statement.path("Effect").asText().equals("Deny")) {
                deniesOtherSources |= statement.path("Condition").path("StringNotEquals").path("aws:SourceVpce")
                        .asText().equals(VPCE);
            } else {
                assertEquals(VPCE, statement.path("Condition").path("StringEquals").path("aws:SourceVpce").asText(),
                        "every Allow is bound to the endpoint");
                assertEquals("arn:aws:iam::" + ACCOUNT + ":root", statement.path("Principal").path("AWS").asText());
            }
        }
        assertTrue(deniesOtherSources, "the resource policy denies every other source");

        JsonNode gatewayResponses = api.path("Body").path("x-amazon-apigateway-gateway-responses");
        for (String type : new String[] {"DEFAULT_4XX", "DEFAULT_5XX"}) {
            JsonNode headers = gatewayResponses.path(type).path("responseParameters");
            assertEquals("'no-store'", headers.path("gatewayresponse.header.Cache-Control").asText(), type);
            assertEquals("'no-cache'", headers.path("gatewayresponse.header.Pragma").asText(), type);
            assertEquals("'no-referrer'", headers.path("gatewayresponse.header.Referrer-Policy").asText(), type);
            assertEquals("'nosniff'", headers.path("gatewayresponse.header.X-Content-Type-Options").asText(), type);
        }

        JsonNode restFunction = jwt.resources().get("RestLoginFunction").path("Properties");
        assertEquals("dev.mwaalogin.lambda.RestApiHandler::handleRequest", restFunction.path("Handler").asText());
        assertEquals("prod", jwt.single("AWS::ApiGateway::Stage").path("Properties").path("StageName").asText());
    }
}

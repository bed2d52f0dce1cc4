package dev.mwaalogin.lambda;

import dev.mwaalogin.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The handler of the container image's AOT-cache training run ({@code function/image/aot-train}), never of a
 * deployed function. Init is the production constructor's, so the cache holds what a cold start loads; every event
 * then goes through the same handler code over the service SnapStart priming runs ({@link Priming#service}): canned
 * answers, no network, no credentials, no real token. Kept small on purpose: it only wires existing pieces together.
 */
public final class AotTraining implements RequestStreamHandler {

    /** A made-up IAM role in the documentation account: public, fixed, and never assumed (STS answers from memory). */
    private static final String TRAINING_ROLE = "arn:aws:iam::000000000000:role/aot-training/Admin";

    /**
     * The deployments the image may be configured as, beyond the training run's own (a shared identity behind IAM),
     * each laid over the training run's variables: people signing in as themselves behind a JWT authorizer (token
     * claims, then STS, then MWAA), and browser sign-in (priming's events: a browser sent to the provider, its
     * callback with the token exchange, the ID token's verification and the sealed cookies, then a bearer token's
     * login). Priming replaces every sign-in setting with its canned provider's, so no value here reaches anything.
     */
    static final List<Map<String, String>> DEPLOYMENTS = List.of(
            Map.of("AUTH_MODE", "JWT", "ROLE_MAPPING", "aot-training=Admin", "AIRFLOW_ROLE_ARNS",
                    "Admin=" + TRAINING_ROLE),
            Map.of("AUTH_MODE", "OIDC", "ROLE_MAPPING", "aot-training=Admin", "AIRFLOW_ROLE_ARNS",
                    "Admin=" + TRAINING_ROLE, "SIGN_IN_SECRET", "aot-training"));

    private final HttpApiHandler handler;

    public AotTraining() throws IOException {
        new HttpApiHandler();
        handler = new HttpApiHandler(Priming.service(System.getenv()));
        for (Map<String, String> deployment : DEPLOYMENTS) {
            train(System.getenv(), deployment);
        }
        walkWhatTheCannedAnswerSkips();
    }

    /**
     * Runs priming's events for one deployment laid over the given variables; an answer of 500 or more means a path
     * broke, and fails the training rather than leave that path out of the cache.
     */
    static List<String> train(Map<String, String> variables, Map<String, String> deployment) throws IOException {
        Map<String, String> environment = new HashMap<>(variables);
        environment.putAll(deployment);
        return served(Priming.run(environment, Priming.HTTP_API, HttpApiHandler::new), deployment);
    }

    /** The answers, if none is a server error (nor anything but an answer); else training stops, naming no value. */
    static List<String> served(List<String> answers, Map<String, String> deployment) {
        for (String answer : answers) {
            if (!answer.matches("(?s)\\{\"statusCode\":[1-4]\\d\\d,.*")) {
                throw new IllegalStateException("AOT training: a primed request failed under " + deployment.keySet());
            }
        }
        return answers;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }

    /**
     * The two steps of a real sign-in that the canned answer skips, as far as they go without credentials or a real
     * endpoint: the default credential chain, which finds none in the training run and says so; and one real HTTP
     * exchange through the SDK's HTTP client (a socket, a request written, a status and body read) with the training
     * run's own loopback Runtime API, which answers a path it does not serve with 404. Without a Runtime API (a unit
     * test) the request is only set up.
     */
    private static void walkWhatTheCannedAnswerSkips() {
        try {
            DefaultCredentialsProvider.builder().build().resolveCredentials();
        } catch (SdkClientException none) {
            // Expected: the training run has no credentials.
        }
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        byte[] body = "{\"Name\":\"aot-training\"}".getBytes(StandardCharsets.UTF_8);
        try (SdkHttpClient http = UrlConnectionHttpClient.create(AotTraining::open)) {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("http://" + (runtimeApi == null ? "127.0.0.1:9" : runtimeApi)
                            + "/aot-training/webtoken"))
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .contentStreamProvider(() -> new ByteArrayInputStream(body)).build();
            ExecutableHttpRequest exchange = http.prepareRequest(HttpExecuteRequest.builder().request(request)
                    .contentStreamProvider(request.contentStreamProvider().orElseThrow()).build());
            if (runtimeApi != null) {
                HttpExecuteResponse answer = exchange.call();
                try (InputStream in = answer.responseBody().orElseGet(() -> AbortableInputStream.create(
                        InputStream.nullInputStream()))) {
                    in.readAllBytes();
                }
            }
        } catch (IOException unreachable) {
            // Training goes on without it: the cache then lacks only the JDK's HTTP classes.
        }
    }

    private static HttpURLConnection open(URI uri) {
        try {
            return (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

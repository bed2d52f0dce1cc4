package dev.mwaalogin.lambda;

import dev.mwaalogin.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
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

    private final HttpApiHandler handler;

    public AotTraining() {
        new HttpApiHandler();
        handler = new HttpApiHandler(Priming.service(System.getenv()));
        walkWhatTheCannedAnswerSkips();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }

    /**
     * The two steps of a real sign-in that the canned answer skips, as far as they go without network or
     * credentials: the default credential chain, which finds none in the training run and says so, and the HTTP
     * client's request set-up, which is never sent.
     */
    private static void walkWhatTheCannedAnswerSkips() {
        try {
            DefaultCredentialsProvider.builder().build().resolveCredentials();
        } catch (SdkClientException none) {
            // Expected: the training run has no credentials.
        }
        try (SdkHttpClient http = UrlConnectionHttpClient.create(AotTraining::open)) {
            http.prepareRequest(HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:9/webtoken/aot-training"))
                    .putHeader("Content-Type", "application/x-amz-json-1.1").build()).build());
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

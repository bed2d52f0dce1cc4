package dev.mwaalogin.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that answers every request from memory with one fixed response and counts the calls.
 *
 * <p>Used to prime the SDK path before a SnapStart snapshot (no network, no real token) and by tests.
 */
public final class CannedHttpClient implements SdkHttpClient {

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final AtomicInteger calls = new AtomicInteger();

    public CannedHttpClient(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed CreateWebLoginToken answer whose token is obviously not one. */
    public static CannedHttpClient primingAnswer() {
        return new CannedHttpClient(200,
                Map.of("Content-Type", "application/json", "x-amzn-RequestId", "00000000-0000-0000-0000-000000000000"),
                "{\"WebToken\":\"priming-not-a-token\",\"WebServerHostname\":\"priming.invalid\","
                        + "\"IamIdentity\":\"priming\",\"AirflowIdentity\":\"priming\"}");
    }

    /** How many requests this client has answered. */
    public int calls() {
        return calls.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                calls.incrementAndGet();
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
                headers.forEach(response::putHeader);
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is already in memory.
            }
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}

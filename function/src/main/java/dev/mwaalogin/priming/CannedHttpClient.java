package dev.mwaalogin.priming;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that answers every request from memory and counts the calls.
 *
 * <p>Used to prime the SDK path before a SnapStart snapshot (no network, no real token, no real credentials), by the
 * AOT training, and by tests; priming's own answers are resources ({@code aws/}).
 */
public final class CannedHttpClient implements SdkHttpClient {

    /** One fixed answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public Answer {
            headers = Map.copyOf(headers);
        }
    }

    private final Function<SdkHttpRequest, Answer> answers;
    private final AtomicInteger calls = new AtomicInteger();

    public CannedHttpClient(Function<SdkHttpRequest, Answer> answers) {
        this.answers = answers;
    }

    /** Answers every request with the same answer. */
    public CannedHttpClient(int status, Map<String, String> headers, String body) {
        this(request -> new Answer(status, headers, body));
    }

    /** A well-formed CreateWebLoginToken answer whose token is obviously not one. */
    public static Answer mwaaPrimingAnswer() {
        return new Answer(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId",
                "00000000-0000-0000-0000-000000000000"), Priming.resource("aws/create-web-login-token.json"));
    }

    /** A well-formed AssumeRole answer whose credentials are obviously not any. */
    public static Answer stsPrimingAnswer() {
        return new Answer(200, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "priming"),
                Priming.resource("aws/assume-role.xml"));
    }

    /** A well-formed GetEnvironment answer for an Airflow 2 environment. */
    public static Answer environmentPrimingAnswer() {
        return new Answer(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "priming"),
                Priming.resource("aws/get-environment.json"));
    }

    /** A well-formed InvokeRestApi answer: Airflow's list of one made-up DAG. */
    static Answer restApiPrimingAnswer() {
        return new Answer(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "priming"),
                Priming.resource("aws/invoke-rest-api.json"));
    }

    /** Priming's sign-in secret, as Secrets Manager answers for it: an in-memory provider and a session key. */
    static Answer secretPrimingAnswer() {
        return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-RequestId", "priming"),
                Priming.resource("aws/get-secret-value.json"));
    }

    /**
     * Answers each AWS call priming makes: MWAA's web token, environment and REST API by their paths, STS
     * otherwise.
     */
    public static CannedHttpClient primingAnswers() {
        Answer mwaa = mwaaPrimingAnswer();
        Answer environment = environmentPrimingAnswer();
        Answer restApi = restApiPrimingAnswer();
        Answer sts = stsPrimingAnswer();
        Answer secret = secretPrimingAnswer();
        return new CannedHttpClient(request -> request.firstMatchingHeader("X-Amz-Target")
                .filter(target -> target.startsWith("secretsmanager.")).isPresent() ? secret
                : request.encodedPath().startsWith("/webtoken/") ? mwaa
                : request.encodedPath().startsWith("/environments/") ? environment
                : request.encodedPath().startsWith("/restapi/") ? restApi : sts);
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
                Answer answer = answers.apply(request.httpRequest());
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(
                                new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8))))
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

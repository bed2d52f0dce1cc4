package dev.mwaalogin.local.bench;

import dev.mwaalogin.lambda.HttpApiHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The warm half of the API rows, in its own JVM with Lambda's options ({@link WarmPath}): per-request latency of the
 * handler answering {@code GET /api/demo/dags?limit=2} for the person of {@code events/http-redirect.json} (their STS
 * session cached after the first call, as on a warm function), and of a plain SDK {@code invokeRestApi} to the same
 * emulator with a session of the same IAM role: what the handler would cost if it did nothing else. Alternating,
 * each round starting with the other. Prints one JSON line of percentiles in microseconds.
 */
public final class ApiProbe {

    private ApiProbe() {
    }

    /**
     * Args, as {@link WarmPath} passes them: the API event file, warm-up rounds, measured rounds, then the mapping,
     * its role ARNs, and the IAM role of the person's Airflow role, whose session the plain call uses.
     */
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        int warmUp = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Region region = Region.of(System.getenv("AWS_REGION"));
        HttpApiHandler handler = new HttpApiHandler();
        Credentials session;
        try (StsClient sts = StsClient.builder().region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_STS"))).build()) {
            session = sts.assumeRole(r -> r.roleArn(args[5]).roleSessionName("raw-bench").sourceIdentity("raw-bench")
                    .durationSeconds(3600)).credentials();
        }
        MwaaClient raw = MwaaClient.builder().region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_MWAA")))
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true)).build();
        Document limit = Document.mapBuilder().putString("limit", "2").build();
        long[] handlerNanos = new long[rounds];
        long[] rawNanos = new long[rounds];
        for (int i = -warmUp; i < rounds; i++) {
            for (int k = 0; k < 2; k++) {
                boolean viaHandler = (Math.floorMod(i, 2) + k) % 2 == 0;
                long started = System.nanoTime();
                if (viaHandler) {
                    String answer = WarmProbe.answer(handler, event);
                    if (!answer.startsWith("{\"statusCode\":200")) {
                        throw new IllegalStateException("the handler did not answer 200");
                    }
                } else if (raw.invokeRestApi(r -> r.name("demo").method(RestApiMethod.GET).path("/dags")
                        .queryParameters(limit)).restApiStatusCode() != 200) {
                    throw new IllegalStateException("InvokeRestApi did not answer 200");
                }
                long took = System.nanoTime() - started;
                if (i >= 0) {
                    (viaHandler ? handlerNanos : rawNanos)[i] = took;
                }
            }
        }
        System.out.println("{" + WarmProbe.percentiles("apiHandler", handlerNanos) + ","
                + WarmProbe.percentiles("rawInvokeRestApi", rawNanos) + "}");
        System.out.flush();
        System.exit(0);
    }
}

package dev.mwaalogin;

import dev.mwaalogin.internal.CannedHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/**
 * The warm half of the benchmark, run in its own JVM with Lambda's options: per-request latency of the handler
 * against the emulator, of a plain SDK {@code createWebLoginToken} call to the same emulator (what the handler
 * would cost if it did nothing else), and of the handler with the network taken out (an in-memory MWAA).
 *
 * <p>It lives in the function's package to reach the same seams the function's unit tests use; it is part of the
 * local tools and never deployed.
 */
public final class WarmProbe {

    private WarmProbe() {
    }

    /** Args: event file, warm-up rounds, measured rounds. Prints one JSON line of percentiles in microseconds. */
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        int warmUp = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        URI endpoint = URI.create(System.getenv("AWS_ENDPOINT_URL_MWAA"));

        HttpApiHandler handler = new HttpApiHandler();
        MwaaClient raw = MwaaClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true)).build();
        Config config = Config.fromEnvironment();
        HttpApiHandler offline = new HttpApiHandler(LoginService.create(config, CannedHttpClient.primingAnswers(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOFFLINEOFFLINE00",
                        "offline-not-a-secret"))));

        long[] handlerNanos = new long[rounds];
        long[] rawNanos = new long[rounds];
        long[] offlineNanos = new long[rounds];
        for (int i = -warmUp; i < rounds; i++) {
            // Interleaved, so that whatever the machine does meanwhile affects all three alike.
            long a = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            long b = System.nanoTime();
            raw.createWebLoginToken(r -> r.name(config.defaultEnvironment()));
            long c = System.nanoTime();
            offline.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
            long d = System.nanoTime();
            if (i == -warmUp && !out.toString().contains("\"statusCode\":302")) {
                throw new IllegalStateException("the handler did not redirect");
            }
            if (i >= 0) {
                handlerNanos[i] = b - a;
                rawNanos[i] = c - b;
                offlineNanos[i] = d - c;
            }
        }
        System.out.println("{" + percentiles("handler", handlerNanos) + "," + percentiles("rawSdk", rawNanos) + ","
                + percentiles("handlerOffline", offlineNanos) + "}");
        System.out.flush();
        System.exit(0);
    }

    private static String percentiles(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Long> values = Map.of("p50", sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1000,
                "p99", sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1000);
        return "\"" + name + "\":{\"p50\":" + values.get("p50") + ",\"p99\":" + values.get("p99") + "}";
    }
}

package dev.mwaalogin.local.bench;

import dev.mwaalogin.Config;
import dev.mwaalogin.LoginService;
import dev.mwaalogin.priming.CannedHttpClient;
import dev.mwaalogin.lambda.HttpApiHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The warm half of the benchmark, run in its own JVM with Lambda's options: per-request latency of the handler
 * against the emulator, of a plain SDK {@code createWebLoginToken} call to the same emulator (what the handler
 * would cost if it did nothing else), and of the handler and that plain call with the network taken out (an in-memory
 * MWAA). Given a role mapping, also of a handler where each person signs in as themselves: the same person again
 * (their STS session cached: a hit) and a new person each time (a miss: STS {@code AssumeRole}, then the token with
 * their session), and of a plain SDK {@code assumeRole} for a new session (what a miss adds if it did nothing else).
 *
 * <p>Each round runs every series once, starting one series later than the round before, so that neither a busy
 * moment nor its place in the round favours any of them. It lives in the function's package to reach the same seams
 * the function's unit tests use; it is part of the local tools and never deployed.
 */
public final class WarmProbe {

    /** The person of events/http-redirect.json's IAM caller; a miss replaces it with a new one each round. */
    static final String PERSON = "alice@example.com";

    private WarmProbe() {
    }

    /** One request of a series in a given round; returns the answer to check, or null for none. */
    @FunctionalInterface
    private interface Call {
        String run(int round) throws IOException;
    }

    private record Series(String name, Call call, long[] nanos) {
    }

    /**
     * Args: event file, warm-up rounds, measured rounds, and optionally {@code ROLE_MAPPING},
     * {@code AIRFLOW_ROLE_ARNS} and the IAM role a plain {@code assumeRole} assumes, for the per-person series.
     * Prints one JSON line of percentiles in microseconds.
     */
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        String eventText = new String(event, StandardCharsets.UTF_8);
        int warmUp = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Region region = Region.of(System.getenv("AWS_REGION"));

        HttpApiHandler handler = new HttpApiHandler();
        MwaaClient raw = MwaaClient.builder().region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_MWAA")))
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true)).build();
        Config config = Config.fromEnvironment();
        HttpApiHandler offline = new HttpApiHandler(LoginService.builder(config)
                .http(CannedHttpClient.primingAnswers())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOFFLINEOFFLINE00",
                        "offline-not-a-secret"))).build());

        List<Series> series = new ArrayList<>();
        series.add(new Series("handler", round -> answer(handler, event), new long[rounds]));
        series.add(new Series("rawSdk", round -> {
            raw.createWebLoginToken(r -> r.name(config.defaultEnvironment()));
            return null;
        }, new long[rounds]));
        series.add(new Series("handlerOffline", round -> answer(offline, event), new long[rounds]));
        // The same SDK call over the same in-memory answer: what the offline handler would cost if it did nothing else.
        MwaaClient rawOffline = MwaaClient.builder().region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAOFFLINEOFFLINE00", "offline-not-a-secret")))
                .httpClient(CannedHttpClient.primingAnswers())
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true)).build();
        series.add(new Series("rawSdkOffline", round -> {
            rawOffline.createWebLoginToken(r -> r.name(config.defaultEnvironment()));
            return null;
        }, new long[rounds]));
        if (args.length >= 6) {
            if (!eventText.contains(PERSON)) {
                throw new IllegalArgumentException("the event's caller is not " + PERSON);
            }
            Map<String, String> variables = new HashMap<>(System.getenv());
            variables.put("ROLE_MAPPING", args[3]);
            variables.put("AIRFLOW_ROLE_ARNS", args[4]);
            HttpApiHandler mapped = new HttpApiHandler(LoginService.builder(Config.from(variables)).build());
            StsClient sts = StsClient.builder().region(region)
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .httpClient(UrlConnectionHttpClient.create())
                    .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_STS"))).build();
            series.add(new Series("mappedHit", round -> answer(mapped, event), new long[rounds]));
            series.add(new Series("mappedMiss", round -> answer(mapped, eventText.replace(PERSON,
                    "person-" + round + "@example.com").getBytes(StandardCharsets.UTF_8)), new long[rounds]));
            series.add(new Series("rawAssumeRole", round -> {
                sts.assumeRole(r -> r.roleArn(args[5]).roleSessionName("raw-" + round).sourceIdentity("raw-" + round)
                        .durationSeconds(900));
                return null;
            }, new long[rounds]));
        }

        // One series alone, for a profile of it (local/run profile -Dprofile.path=warm).
        String only = System.getProperty("warm.only");
        if (only != null) {
            series.removeIf(one -> !one.name().equals(only));
            if (series.isEmpty()) {
                throw new IllegalArgumentException("no series " + only);
            }
        }
        int count = series.size();
        for (int i = -warmUp; i < rounds; i++) {
            for (int k = 0; k < count; k++) {
                Series next = series.get(Math.floorMod(i + k, count));
                long started = System.nanoTime();
                String answer = next.call().run(i + warmUp);
                long took = System.nanoTime() - started;
                if (answer != null && !answer.contains("\"statusCode\":302")) {
                    throw new IllegalStateException(next.name() + " did not redirect");
                }
                if (i >= 0) {
                    next.nanos()[i] = took;
                }
            }
        }
        StringBuilder json = new StringBuilder("{");
        for (Series done : series) {
            json.append(json.length() > 1 ? "," : "").append(percentiles(done.name(), done.nanos()));
        }
        System.out.println(json.append('}'));
        System.out.flush();
        System.exit(0);
    }

    /** One invocation through the handler, as Lambda's runtime would make it; also {@link ApiProbe}'s. */
    static String answer(HttpApiHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A series' p50 and p99 in microseconds, as the JSON member {@code WarmPath} reads; also {@link ApiProbe}'s. */
    static String percentiles(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "\"" + name + "\":{\"p50\":" + sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1000
                + ",\"p99\":" + sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1000 + "}";
    }
}

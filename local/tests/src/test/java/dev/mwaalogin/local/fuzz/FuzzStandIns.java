package dev.mwaalogin.local.fuzz;

import dev.mwaalogin.priming.CannedHttpClient;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mwaalogin.local.LocalContext;
import dev.mwaalogin.local.emulator.QueryParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/** What the fuzzers put where AWS and Lambda would be: canned MWAA and STS that record what they were asked. */
final class FuzzStandIns {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.ZnV6ei10b2tlbi1mb3ItdGVzdHM.Fz-_9aB8cD7eF6";
    static final String HOST = "fuzz0a1b-2c3d-4e5f-6789-abcdef012345-vpce.c7.us-east-1.airflow.on.aws";
    /** The secrets of the canned STS session: never in an answer or a log line. */
    static final String STS_SECRET = "FuzzStsSecretAccessKey0123456789abcdefgh";
    static final String STS_SESSION_TOKEN = "FuzzStsSessionTokenIQoJb3JpZ2luX2VjEFuzz";

    private FuzzStandIns() {
    }

    /** One AssumeRole as STS received it. */
    record Assumed(String roleArn, String sessionName, String sourceIdentity) {
    }

    /**
     * Answers every CreateWebLoginToken with the same login and every AssumeRole with the same session (expired, so
     * each login asks again), recording the environment names and the roles and session names asked for.
     */
    static final class RecordingAws implements SdkHttpClient {
        final List<String> names = new CopyOnWriteArrayList<>();
        final List<Assumed> assumed = new CopyOnWriteArrayList<>();
        /** GetEnvironment's names (the Airflow version, asked once per environment for the service's life). */
        final List<String> described = new CopyOnWriteArrayList<>();
        /** InvokeRestApi's environment names and request bodies (Path, Method, QueryParameters, Body). */
        final List<Map.Entry<String, String>> invoked = new CopyOnWriteArrayList<>();
        private final CannedHttpClient restApi = new CannedHttpClient(200, Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "fuzz-mwaa-request"), "{\"RestApiStatusCode\":200,\"RestApiResponse\":"
                + "{\"dags\":[],\"total_entries\":0}}");
        private final CannedHttpClient environment = new CannedHttpClient(r -> CannedHttpClient
                .environmentPrimingAnswer());
        private final CannedHttpClient mwaa = new CannedHttpClient(200, Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "fuzz-mwaa-request"), "{\"WebToken\":\"" + TOKEN + "\",\"WebServerHostname\":\""
                + HOST + "\",\"IamIdentity\":\"assumed-role/fuzz/fn\",\"AirflowIdentity\":\"assumed-role/fuzz/fn\"}");
        private final CannedHttpClient sts = new CannedHttpClient(200, Map.of("Content-Type", "text/xml",
                "x-amzn-RequestId", "fuzz-sts-request"), "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/"
                + "2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFUZZFUZZFUZZ0000</AccessKeyId>"
                + "<SecretAccessKey>" + STS_SECRET + "</SecretAccessKey><SessionToken>" + STS_SESSION_TOKEN
                + "</SessionToken><Expiration>2000-01-01T00:15:00Z</Expiration></Credentials></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>fuzz-sts-request</RequestId></ResponseMetadata></AssumeRoleResponse>");

        void clear() {
            names.clear();
            assumed.clear();
            described.clear();
            invoked.clear();
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String path = request.httpRequest().encodedPath();
            if (path.startsWith("/webtoken/")) {
                names.add(URLDecoder.decode(path.substring("/webtoken/".length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
                return mwaa.prepareRequest(request);
            }
            if (path.startsWith("/restapi/")) {
                invoked.add(Map.entry(URLDecoder.decode(path.substring("/restapi/".length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8), body(request)));
                return restApi.prepareRequest(request);
            }
            if (path.startsWith("/environments/")) {
                described.add(URLDecoder.decode(path.substring("/environments/".length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
                return environment.prepareRequest(request);
            }
            Map<String, String> form = form(request);
            if (!"AssumeRole".equals(form.get("Action"))) {
                fail("AWS was called at " + path + " with " + form.keySet());
            }
            assumed.add(new Assumed(form.get("RoleArn"), form.get("RoleSessionName"), form.get("SourceIdentity")));
            return sts.prepareRequest(request);
        }

        private static Map<String, String> form(HttpExecuteRequest request) {
            return QueryParameters.parse(body(request));
        }

        private static String body(HttpExecuteRequest request) {
            String body = "";
            if (request.contentStreamProvider().isPresent()) {
                try (InputStream in = request.contentStreamProvider().get().newStream()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return body;
        }

        @Override
        public void close() {
        }
    }

    /** A context that keeps every line its logger receives. */
    static final class FuzzContext {
        final List<String> lines = new ArrayList<>();
        final LocalContext lambda = new LocalContext("fuzz-0000-1111", lines::add);
    }

    /** What a run saw, counted by kind, for the report each fuzzer prints at its end. */
    static final class Counts {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private long started;

        void add(String key) {
            if (counts.isEmpty()) {
                started = System.nanoTime();
            }
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        long get(String key) {
            LongAdder count = counts.get(key);
            return count == null ? 0 : count.sum();
        }

        void print(String title) {
            long events = counts.entrySet().stream().filter(e -> e.getKey().startsWith("event "))
                    .mapToLong(e -> e.getValue().sum()).sum();
            System.out.println(title + ": " + events + " events in " + (System.nanoTime() - started) / 1_000_000
                    + " ms");
            new TreeMap<>(counts).forEach((key, count) -> System.out.println("  " + key + ": " + count.sum()));
        }
    }
}

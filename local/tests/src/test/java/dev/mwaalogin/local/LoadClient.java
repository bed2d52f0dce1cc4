package dev.mwaalogin.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load client for {@link LoadIT}, run in its own JVM so that the load crosses a process boundary and loopback
 * like real traffic: N clients, each with its own HTTP connection, send {@code GET /login?format=json} (and every
 * fifth request a plain {@code GET /login}, a redirect) for a fixed time. Uses the JDK only.
 *
 * <p>Prints one JSON summary line on stdout (counts, statuses, throughput, latency percentiles: no tokens) and
 * writes every token it received, one per line, to a file: tokens never go to stdout, which ends up in test
 * reports that the build scans for secrets.
 *
 * <pre>
 * LoadClient BASE_URL CLIENTS SECONDS TOKENS_FILE
 * </pre>
 */
public final class LoadClient {

    private static final Pattern JSON_TOKEN = Pattern.compile("\"webToken\":\"([^\"]+)\"");
    private static final String FRAGMENT = "?login=true#";

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        Path tokensFile = Path.of(args[3]);

        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long n = 0; System.nanoTime() < window[1]; n++) {
                    boolean redirect = n % 5 == 4;
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(redirect ? "/login"
                            : "/login?format=json")).timeout(Duration.ofSeconds(20)).GET().build();
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latenciesMicros.add((System.nanoTime() - started) / 1000);
                        String kind = (redirect ? "redirect " : "json ") + response.statusCode();
                        outcomes.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                        String token = token(response, redirect);
                        if (token != null) {
                            tokens.add(token);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        outcomes.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicLong())
                                .incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-client-" + c);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;

        Files.write(tokensFile, tokens, StandardCharsets.UTF_8);
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        Map<String, Long> byOutcome = new TreeMap<>();
        outcomes.forEach((k, v) -> byOutcome.put(k, v.get()));
        StringBuilder json = new StringBuilder("{\"clients\":").append(clients)
                .append(",\"seconds\":").append(String.format("%.2f", seconds))
                .append(",\"requests\":").append(sorted.size() + errors.get())
                .append(",\"errors\":").append(errors.get())
                .append(",\"tokens\":").append(tokens.size())
                .append(",\"throughputPerSecond\":").append(String.format("%.1f", sorted.size() / seconds))
                .append(",\"latencyMs\":{\"p50\":").append(percentile(sorted, 50))
                .append(",\"p90\":").append(percentile(sorted, 90))
                .append(",\"p99\":").append(percentile(sorted, 99))
                .append(",\"max\":").append(percentile(sorted, 100)).append("},\"outcomes\":{");
        String separator = "";
        for (Map.Entry<String, Long> outcome : byOutcome.entrySet()) {
            json.append(separator).append('"').append(outcome.getKey()).append("\":").append(outcome.getValue());
            separator = ",";
        }
        PrintStream out = System.out;
        out.println(json.append("}}"));
    }

    /** The token from a JSON login or a redirect's fragment; null for anything else. */
    private static String token(HttpResponse<String> response, boolean redirect) {
        if (redirect) {
            String location = response.headers().firstValue("Location").orElse("");
            int at = location.indexOf(FRAGMENT);
            return response.statusCode() == 302 && at > 0 ? location.substring(at + FRAGMENT.length()) : null;
        }
        Matcher matcher = JSON_TOKEN.matcher(response.body());
        return response.statusCode() == 200 && matcher.find() ? matcher.group(1) : null;
    }

    private static String percentile(List<Long> sortedMicros, int percent) {
        if (sortedMicros.isEmpty()) {
            return "null";
        }
        int index = Math.min(sortedMicros.size() - 1, (int) Math.ceil(percent / 100.0 * sortedMicros.size()) - 1);
        return String.format("%.1f", sortedMicros.get(Math.max(0, index)) / 1000.0);
    }
}

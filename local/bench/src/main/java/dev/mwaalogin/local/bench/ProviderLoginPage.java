package dev.mwaalogin.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The local provider (mock-oauth2-server) as a browser meets it: its login page takes a user name and claims and
 * sends the browser back with a 302. Redirects are never followed, so the caller sees where the provider sends it.
 */
final class ProviderLoginPage {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs in at {@code authorize} as {@code person} in {@code group}; where the provider sends the browser back. */
    URI approve(URI authorize, String person, String group) throws IOException {
        String form = "username=" + URLEncoder.encode(person, StandardCharsets.UTF_8) + "&claims="
                + URLEncoder.encode("{\"groups\":[\"" + group + "\"]}", StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String location = answer.headers().firstValue("location").orElse("");
        if (answer.statusCode() != 302 || location.isEmpty()) {
            throw new IOException("the provider did not send the browser back: status " + answer.statusCode());
        }
        return URI.create(location);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** A JDK {@link HttpClient} speaking to an emulator, with AWS calls signed by the SDK's signer. */
final class PlainHttp {

    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    private final MwaaEmulator emu;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    PlainHttp(MwaaEmulator emu) {
        this.emu = emu;
    }

    /** POST /webtoken/{name}, signed with the default credential. */
    java.net.http.HttpResponse<String> createWebLoginToken(String name, Duration timeout)
            throws IOException, InterruptedException {
        URI uri = emu.endpoint().resolve("/webtoken/" + name);
        HttpRequest signed = SdkSigner.sign("POST", uri.toString(), "", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID,
                EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY, null, emu.region(), "airflow", Clock.systemUTC());
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(BodyPublishers.noBody());
        signed.headers().stream().filter(h -> !RESTRICTED.contains(h.name().toLowerCase()))
                .forEach(h -> request.header(h.name(), h.value()));
        return client.send(request.build(), BodyHandlers.ofString());
    }

    /**
     * Any request signed by the SDK's signer for {@code service} with the default credential; {@code contentType}
     * is sent unsigned, as SDKs leave it out of SignedHeaders too.
     */
    java.net.http.HttpResponse<String> sendSigned(String method, String pathAndQuery, String contentType, String body,
                                                  String service) throws IOException, InterruptedException {
        URI uri = emu.endpoint().resolve(pathAndQuery);
        HttpRequest signed = SdkSigner.sign(method, uri.toString(), body, EmulatorCredentials.DEFAULT_ACCESS_KEY_ID,
                EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY, null, emu.region(), service, Clock.systemUTC());
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .method(method, body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        signed.headers().stream().filter(h -> !RESTRICTED.contains(h.name().toLowerCase()))
                .forEach(h -> request.header(h.name(), h.value()));
        return client.send(request.build(), BodyHandlers.ofString());
    }

    java.net.http.HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return client.send(java.net.http.HttpRequest.newBuilder(emu.endpoint().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .build(), BodyHandlers.ofString());
    }
}

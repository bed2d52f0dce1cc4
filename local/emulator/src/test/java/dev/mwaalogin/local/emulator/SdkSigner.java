package dev.mwaalogin.local.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with the AWS SDK's own SigV4 signer, so the verifier is checked against AWS's code rather than
 * against itself, and turns the result into the {@link HttpRequest} the server would have read.
 */
final class SdkSigner {

    private SdkSigner() {
    }

    static HttpRequest sign(String method, String uri, String body, String accessKeyId, String secret,
                            String sessionToken, String region, String service, Clock clock) {
        return sign(method, uri, List.of(), body, accessKeyId, secret, sessionToken, region, service, clock);
    }

    /** @param extraHeaders headers to sign as well, in order (a name may repeat) */
    static HttpRequest sign(String method, String uri, List<HttpRequest.Header> extraHeaders, String body,
                            String accessKeyId, String secret, String sessionToken, String region, String service,
                            Clock clock) {
        URI parsed = URI.create(uri);
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(parsed);
        extraHeaders.forEach(h -> builder.appendHeader(h.name(), h.value()));
        SdkHttpRequest unsigned = builder.build();
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(unsigned)
                .payload(body.isEmpty() ? null : ContentStreamProvider.fromByteArray(bytes))
                .identity(identity)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();

        List<HttpRequest.Header> headers = new ArrayList<>();
        // The signer adds Host itself: the headers it returns are exactly what goes on the wire.
        signed.forEachHeader((name, values) -> values.forEach(v -> headers.add(new HttpRequest.Header(name, v))));
        String rawQuery = parsed.getRawQuery() == null ? "" : parsed.getRawQuery();
        return new HttpRequest("test", method, signed.encodedPath(), rawQuery, headers, bytes);
    }
}

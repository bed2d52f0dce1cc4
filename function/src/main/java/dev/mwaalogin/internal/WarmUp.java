package dev.mwaalogin.internal;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenRequest;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;

/**
 * On a cold start, loads the classes of the first MWAA call on a second thread while the main thread builds the
 * client: SigV4 signing and the JDK's cryptography, the HTTP connection classes, the request and response model,
 * and this function's own JSON and header parsing. Nothing here touches the network, real credentials or a token;
 * the results are thrown away, only the loaded classes remain. With one vCPU it costs little; with two it takes
 * a good part of the first call off the critical path.
 */
public final class WarmUp {

    private final Thread thread;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    /** Starts the warm-up on a daemon thread. */
    public static WarmUp start() {
        Thread thread = new Thread(WarmUp::run, "mwaa-login-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new WarmUp(thread);
    }

    /** Waits for the warm-up to finish, at most a few seconds (it never blocks for long). */
    public void await() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static void run() {
        try {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://env.airflow.us-east-1.amazonaws.com/webtoken/warm-up")).build();
            AwsV4HttpSigner.create().sign(r -> r.request(request)
                    .identity(AwsCredentialsIdentity.create("AKIAWARMUPWARMUPWARM", "warm-up-not-a-secret"))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "airflow")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost/").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
            CreateWebLoginTokenRequest.builder().name("warm-up").build().toString();
            CreateWebLoginTokenResponse.builder().webToken("warm-up").webServerHostname("warm-up.invalid").build()
                    .toString();
            JsonReader.parse("{\"headers\":{\"accept\":\"*/*\"},\"list\":[1,true,null,\"\\u0041\"]}");
            AcceptHeader.preference("text/html,*/*;q=0.8");
            new Json().field("url", "https://warm-up.invalid/").number("n", 1).toString();
        } catch (Exception | LinkageError e) {
            // Only speed is at stake: whatever failed here will simply load on the main thread when needed.
        }
    }
}

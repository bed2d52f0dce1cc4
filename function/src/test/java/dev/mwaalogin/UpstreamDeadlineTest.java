package dev.mwaalogin;

import dev.mwaalogin.aws.Deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import dev.mwaalogin.aws.UpstreamHttp;

/**
 * The deadline holds even when MWAA or STS never accepts the connection: the SDK's call timeout closes a connection
 * to stop it, which does not stop a connect in progress, so only the connect timeout can end that wait. And it holds
 * when they accept and never answer.
 */
class UpstreamDeadlineTest {

    private static final int TIMEOUT_MS = 2500;

    /** A listener whose accept queue is full: the kernel drops further SYNs, so a connect just waits. */
    private static ServerSocket unanswering;
    private static final List<Socket> QUEUED = new ArrayList<>();

    @BeforeAll
    static void fillTheAcceptQueue() throws IOException {
        unanswering = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        boolean stalled = false;
        for (int i = 0; i < 16 && !stalled; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), unanswering.getLocalPort()),
                        300);
                QUEUED.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                stalled = true;
            }
        }
        assumeTrue(stalled, "this kernel answers connects beyond a full accept queue");
    }

    @AfterAll
    static void release() throws IOException {
        for (Socket socket : QUEUED) {
            socket.close();
        }
        unanswering.close();
    }

    @Test
    void aConnectThatNeverCompletesEndsAtTheConfiguredDeadline() {
        TestContext context = new TestContext();
        context.remainingMillis = 15_000;
        long elapsed = timedGatewayTimeout(context);
        assertTrue(elapsed <= TIMEOUT_MS * 1.1, elapsed + " ms for a " + TIMEOUT_MS + " ms deadline");
    }

    @Test
    void aConnectThatNeverCompletesEndsBeforeLambdasOwnTimeout() {
        TestContext context = new TestContext();
        context.remainingMillis = 2000;
        long deadline = context.remainingMillis - Deadline.ANSWER_RESERVE.toMillis();
        long elapsed = timedGatewayTimeout(context);
        assertTrue(elapsed <= deadline * 1.1, elapsed + " ms for a " + deadline + " ms deadline");
    }

    @Test
    void anStsThatNeverAcceptsEndsAtTheDeadlineAndMwaaIsNotCalled() {
        assertStsTimesOut(unanswering.getLocalPort());
    }

    @Test
    void anStsThatAcceptsAndNeverAnswersEndsAtTheDeadline() throws IOException {
        // The kernel completes the handshake into the backlog; nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertStsTimesOut(silent.getLocalPort());
        }
    }

    private static void assertStsTimesOut(int port) {
        TestContext context = new TestContext();
        context.remainingMillis = 15_000;
        SdkHttpClient http = UpstreamHttp.client(Duration.ofMillis(TIMEOUT_MS));
        Config config = Config.from(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "MWAA_TIMEOUT_MS", String.valueOf(TIMEOUT_MS), "ROLE_MAPPING", "*=Viewer", "AIRFLOW_ROLE_ARNS",
                "Viewer=" + PersonalLoginTest.VIEWER_ARN, "AWS_ENDPOINT_URL_MWAA", "http://127.0.0.1:9",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + port));
        LoginService service = LoginService.builder(config).http(http).credentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret"))).metrics(line -> { }).build();
        long started = System.nanoTime();
        LoginResponse response = service.answer(PersonalLoginTest.jwt("/login", "a@example.com"),
                context.invocation());
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(504, response.statusCode(), response.body());
        assertTrue(response.body().contains("AWS STS did not answer in time"), response.body());
        assertTrue(elapsed <= TIMEOUT_MS * 1.1, elapsed + " ms for a " + TIMEOUT_MS + " ms deadline");
        assertTrue(context.lines.get(0).contains("code=UpstreamTimeout/STS/"), context.lines.get(0));
    }

    private static long timedGatewayTimeout(TestContext context) {
        SdkHttpClient http = UpstreamHttp.client(Duration.ofMillis(TIMEOUT_MS));
        LoginService service = LoginServiceTest.service(http, "MWAA_TIMEOUT_MS", String.valueOf(TIMEOUT_MS),
                "AWS_ENDPOINT_URL_MWAA", "http://127.0.0.1:" + unanswering.getLocalPort());
        long started = System.nanoTime();
        LoginResponse response = service.answer(LoginServiceTest.request("GET", "/login", null, "json", null), context.invocation());
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(504, response.statusCode(), response.body());
        return elapsed;
    }
}

package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault as a plain HTTP client (java.net.http, or a raw socket where the TCP behaviour is the point) sees it. */
class FaultInjectionIT {

    private static final Duration PATIENT = Duration.ofSeconds(10);

    private MwaaEmulator emu;
    private PlainHttp http;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("other").requestLog(null).build().start();
        http = new PlainHttp(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private HttpResponse<String> login() throws Exception {
        return http.createWebLoginToken("demo", PATIENT);
    }

    /** Sends a bodyless POST on a raw socket, as the Java SDK does (no Content-Length), and returns the socket. */
    private Socket rawPost(String path) throws IOException {
        Socket socket = new Socket(emu.endpoint().getHost(), emu.port());
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + emu.port()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void normalAnswerCarriesTheProtocolHeaders() throws Exception {
        HttpResponse<String> response = login();
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
        assertTrue(response.headers().firstValue("Date").orElseThrow().endsWith(" GMT"));
        assertTrue(response.body().startsWith("{\"WebToken\":\""));
    }

    @Test
    void statusFaultAnswersWithTheErrorShape() throws Exception {
        emu.faults("demo").status(404);
        HttpResponse<String> response = login();
        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFoundException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        Map<String, Object> body = JsonMaps.parse(response.body());
        assertEquals("ResourceNotFoundException", body.get("__type"));
        assertEquals(body.get("message"), body.get("Message"));
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
    }

    @Test
    void anyStatusWithANamedType() throws Exception {
        emu.faults("demo").status(502, "BadGateway");
        assertEquals(502, login().statusCode());
        assertThrows(IllegalArgumentException.class, () -> emu.faults("demo").status(502));
    }

    @Test
    void throttleIs429() throws Exception {
        emu.faults("demo").throttle();
        HttpResponse<String> response = login();
        assertEquals(429, response.statusCode());
        assertEquals("ThrottlingException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void timesThenNormal() throws Exception {
        emu.faults("demo").status(500).times(2);
        assertEquals(List.of(500, 500, 200, 200), List.of(login().statusCode(), login().statusCode(),
                login().statusCode(), login().statusCode()));
        assertEquals(4, emu.hits("demo"));
        assertTrue(emu.faults("demo").current().isEmpty());
    }

    @Test
    void faultsAreScopedToTheirEnvironment() throws Exception {
        emu.faults("other").status(500);
        assertEquals(200, login().statusCode());
        assertEquals(500, http.createWebLoginToken("other", PATIENT).statusCode());
    }

    @Test
    void latencyDelaysTheNormalAnswer() throws Exception {
        emu.faults("demo").latency(Duration.ofMillis(400)).once();
        long started = System.nanoTime();
        assertEquals(200, login().statusCode());
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 400);
    }

    @Test
    void malformedJsonIs200WithABodyThatDoesNotParse() throws Exception {
        emu.faults("demo").malformedJson();
        HttpResponse<String> response = login();
        assertEquals(200, response.statusCode());
        assertThrows(IllegalArgumentException.class, () -> JsonMaps.parse(response.body()));
    }

    @Test
    void resetIsARealTcpReset() throws Exception {
        emu.faults("demo").reset();
        IOException viaHttpClient = assertThrows(IOException.class, this::login);
        Throwable root = viaHttpClient;
        while (root.getCause() != null) {
            root = root.getCause(); // java.net.http wraps it: "header parser received no bytes" <- the reset
        }
        assertEquals("Connection reset", root.getMessage(), String.valueOf(viaHttpClient));
        assertEquals(1, emu.hits("demo"), "java.net.http does not resend a POST");

        try (Socket socket = rawPost("/webtoken/demo")) {
            SocketException reset = assertThrows(SocketException.class, () -> socket.getInputStream().read());
            assertEquals("Connection reset", reset.getMessage());
        }
    }

    @Test
    void hangHoldsUntilTheClientGivesUp() throws Exception {
        emu.faults("demo").hang(Duration.ofMinutes(5));
        long started = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> http.createWebLoginToken("demo", Duration.ofMillis(500)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 450 && millis < 3_000, millis + " ms");
    }

    @Test
    void shortHangClosesWithoutAnAnswer() throws Exception {
        emu.faults("demo").hang(Duration.ofMillis(300));
        try (Socket socket = rawPost("/webtoken/demo")) {
            long started = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "closed with nothing said");
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 250);
        }
    }

    @Test
    void closeReleasesHungConnectionsPromptly() throws Exception {
        emu.faults("demo").hang(Duration.ofMinutes(5));
        try (Socket socket = rawPost("/webtoken/demo")) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            Thread.sleep(200); // let the server take the request and start holding
            long started = System.nanoTime();
            emu.close();
            int read;
            try {
                read = in.read();
            } catch (SocketException e) {
                read = -1;
            }
            assertEquals(-1, read);
            assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "released at close");
        }
    }

    @Test
    void hitsCountEveryRequestIncludingRejectedOnes() throws Exception {
        login();
        http.createWebLoginToken("nope", PATIENT);
        http.send("POST", "/webtoken/demo", null); // unsigned: 403, still a hit
        assertEquals(2, emu.hits("demo"));
        assertEquals(1, emu.hits("nope"));
        assertEquals(Map.of("demo", 2L, "nope", 1L), emu.hits());
        emu.resetHits();
        assertEquals(0, emu.hits("demo"));
    }

    @Test
    void unknownEnvironmentCannotBeFaulted() {
        assertThrows(IllegalArgumentException.class, () -> emu.faults("dmeo"));
    }
}

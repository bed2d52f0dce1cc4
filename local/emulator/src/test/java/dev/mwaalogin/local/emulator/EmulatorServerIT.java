package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's HTTP server on the wire, written byte by byte: SigV4 must see the path, query and headers exactly as
 * the client sent and signed them, whatever the JDK's server makes of names and encodings; and the relay in front of
 * it must reset and drop only what it is told to.
 */
class EmulatorServerIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/mwaa-admin";

    private MwaaEmulator emu;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").iamRole(ROLE, "Admin").requestLog(null).build().start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private HttpRequest signed(String method, String pathAndQuery, List<HttpRequest.Header> headers, String body,
                               String service) {
        return SdkSigner.sign(method, emu.endpoint() + pathAndQuery, headers, body,
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY, null,
                emu.region(), service, Clock.systemUTC());
    }

    @Test
    void headerCaseDuplicatesRepeatedParametersAndNonAsciiReachSigV4AsSent() throws Exception {
        HttpRequest request = signed("GET", "/?Action=AssumeRole&Version=2011-06-15&RoleArn="
                + ROLE.replace(":", "%3A").replace("/", "%2F") + "&RoleSessionName=carol&Extra=b&Extra=a",
                List.of(new HttpRequest.Header("X-Amz-Meta-Team", "b  "),
                        new HttpRequest.Header("x-amz-meta-team", "a"),
                        new HttpRequest.Header("x-amz-meta-person", "Zoë Ñandú")), "", "sts");
        // Names as a client might spell them; the duplicate on two lines; the value as raw UTF-8.
        Answer answer = send(wire(request, name -> name.toUpperCase(Locale.ROOT), false, false));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("<Arn>arn:aws:sts::123456789012:assumed-role/mwaa-admin/carol</Arn>"));
    }

    @Test
    void percentEncodedPathsAreVerifiedRawAndDecodedAfter() throws Exception {
        for (String path : List.of("/webtoken/a%20b", "/webtoken/a%2Fb", "/webtoken/%C3%A9")) {
            Answer answer = send(wire(signed("POST", path, List.of(), "", "airflow"), name -> name, false, false));
            assertEquals(400, answer.status(), path + ": signature accepted, then the name refused: " + answer.body());
            assertTrue(answer.body().contains("ValidationException"), answer.body());
        }
    }

    @Test
    void chunkedBodyAfterExpectContinue() throws Exception {
        String form = "Action=AssumeRole&Version=2011-06-15&RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F")
                + "&RoleSessionName=dave";
        HttpRequest request = signed("POST", "/", List.of(new HttpRequest.Header("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8")), form, "sts");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(wire(request, name -> name, true, true));
            out.flush();
            assertEquals(100, read(socket.getInputStream()).status(), "asked for the body before it was sent");
            out.write(chunked(request.body()));
            out.flush();
            Answer answer = read(socket.getInputStream());
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("assumed-role/mwaa-admin/dave"), answer.body());
        }
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        byte[] head = ("POST /webtoken/demo HTTP/1.1\r\nHost: x\r\nContent-Length: " + (1024 * 1024 + 1)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head);
        request.write(new byte[1024 * 1024 + 1]);
        Answer answer = send(request.toByteArray());
        assertEquals(413, answer.status(), answer.body());
        assertTrue(emu.hits().isEmpty(), "refused before any endpoint counted it: " + emu.hits());
    }

    @Test
    void aResetDropsOnlyItsOwnConnection() throws Exception {
        try (Socket reset = connect(); Socket other = connect()) {
            byte[] login = wire(signed("POST", "/webtoken/demo", List.of(), "", "airflow"), name -> name, false,
                    false);
            other.getOutputStream().write(login);
            assertEquals(200, read(other.getInputStream()).status());
            emu.faults("demo").reset().once();
            reset.getOutputStream().write(login);
            SocketException e = assertThrows(SocketException.class, () -> reset.getInputStream().read());
            assertEquals("Connection reset", e.getMessage());
            other.getOutputStream().write(login);
            assertEquals(200, read(other.getInputStream()).status(), "the kept-alive neighbour is untouched");
        }
    }

    @Test
    void closeDropsIdleKeptAliveConnections() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, read(socket.getInputStream()).status());
            emu.close();
            int next;
            try {
                next = socket.getInputStream().read();
            } catch (SocketException e) {
                next = -1;
            }
            assertEquals(-1, next, "closed by the emulator");
        }
    }

    /** The request's bytes: names spelled by {@code spell}, each header on its own line, the body sized or held. */
    private static byte[] wire(HttpRequest request, UnaryOperator<String> spell, boolean chunked, boolean expect)
            throws IOException {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.rawPath())
                .append(request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()).append(" HTTP/1.1\r\n");
        for (HttpRequest.Header header : request.headers()) {
            head.append(spell.apply(header.name())).append(": ").append(header.value()).append("\r\n");
        }
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.body().length + "\r\n");
        head.append(expect ? "Expect: 100-continue\r\n" : "").append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (!chunked) {
            bytes.write(request.body());
        }
        return bytes.toByteArray();
    }

    /** The body in two chunks. */
    private static byte[] chunked(byte[] body) {
        int half = body.length / 2;
        String text = new String(body, StandardCharsets.UTF_8);
        return (Integer.toHexString(half) + "\r\n" + text.substring(0, half) + "\r\n"
                + Integer.toHexString(body.length - half) + "\r\n" + text.substring(half) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(emu.endpoint().getHost(), emu.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Answer send(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private record Answer(int status, List<String> headers, String body) {
    }

    /** One answer with a Content-Length, which is how the emulator always answers. */
    private static Answer read(InputStream in) throws IOException {
        String statusLine = readLine(in);
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            headers.add(line);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-answer");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }
}

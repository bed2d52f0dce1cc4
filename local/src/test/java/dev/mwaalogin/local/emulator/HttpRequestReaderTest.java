package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestReaderTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private HttpRequestReader reader(String wire) {
        return new HttpRequestReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), written);
    }

    @Test
    void bodylessPostWithoutContentLengthAsTheJavaSdkSendsIt() throws Exception {
        HttpRequest request = reader("POST /webtoken/demo HTTP/1.1\r\nHost: h\r\nX-Amz-Date: d\r\n\r\n").next();
        assertEquals("POST", request.method());
        assertEquals("/webtoken/demo", request.rawPath());
        assertEquals("", request.rawQuery());
        assertEquals(0, request.body().length);
        assertEquals(List.of(new HttpRequest.Header("Host", "h"), new HttpRequest.Header("X-Amz-Date", "d")),
                request.headers());
    }

    @Test
    void contentLengthZeroThenAnotherRequestOnTheSameConnection() throws Exception {
        HttpRequestReader reader = reader("POST /a?x=1 HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                + "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n");
        HttpRequest first = reader.next();
        assertEquals("x=1", first.rawQuery());
        assertTrue(first.keepAlive());
        HttpRequest second = reader.next();
        assertEquals("/b", second.rawPath());
        assertFalse(second.keepAlive());
        assertNull(reader.next(), "clean end of stream between requests");
    }

    @Test
    void sizedAndChunkedBodies() throws Exception {
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8),
                reader("PUT /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").next().body());
        assertArrayEquals("hello world".getBytes(StandardCharsets.UTF_8), reader("PUT /x HTTP/1.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n")
                .next().body());
    }

    @Test
    void expectContinueIsAnswered() throws Exception {
        reader("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok").next();
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", written.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void duplicateHeadersAreKeptInOrder() throws Exception {
        HttpRequest request = reader("GET / HTTP/1.1\r\nX-A: 1\r\nx-a: 2\r\n\r\n").next();
        assertEquals(List.of("1", "2"), request.headerValues("X-a"));
    }

    @Test
    void malformedRequestsAreRefused() {
        for (String wire : new String[] {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort",
                "GET / HTTP/1.1\r\nHost: h"}) {
            assertThrows(HttpRequestReader.MalformedRequestException.class, () -> reader(wire).next(), wire);
        }
    }
}

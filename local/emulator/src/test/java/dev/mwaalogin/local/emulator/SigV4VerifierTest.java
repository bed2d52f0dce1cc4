package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

    /** The example credential, time, region and service of AWS's published SigV4 test suite. */
    private static final String SUITE_KEY = "AKIDEXAMPLE";
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    private static SigV4Verifier suiteVerifier(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new SigV4Verifier("us-east-1", "service", registered(clock,
                Map.of(SUITE_KEY, EmulatorCredentials.of(SUITE_KEY, SUITE_SECRET, "user/example"))), clock);
    }

    /** Registered credentials only: what a signature check needs. */
    private static Principals registered(Clock clock, Map<String, EmulatorCredentials> credentials) {
        return new Principals(credentials, MwaaGrant.everywhere("Viewer"), clock, TokenLedger.NONE);
    }

    /** A request of the suite: Host and X-Amz-Date signed, the signature given. */
    private static HttpRequest suiteRequest(String method, String rawPath, String rawQuery, String signature) {
        return new HttpRequest("test", method, rawPath, rawQuery, List.of(
                new HttpRequest.Header("Host", "example.amazonaws.com"),
                new HttpRequest.Header("X-Amz-Date", "20150830T123600Z"),
                new HttpRequest.Header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SUITE_SCOPE
                        + ", SignedHeaders=host;x-amz-date, Signature=" + signature)), new byte[0]);
    }

    private static HttpRequest withHeader(HttpRequest request, String name, String value) {
        List<HttpRequest.Header> headers = new ArrayList<>(request.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        if (value != null) {
            headers.add(new HttpRequest.Header(name, value));
        }
        return new HttpRequest(request.id(), request.method(), request.rawPath(), request.rawQuery(),
                headers, request.body());
    }

    private static ApiException rejected(SigV4Verifier verifier, HttpRequest request) {
        return assertThrows(ApiException.class, () -> verifier.verify(request));
    }

    @Nested
    class AwsTestSuite {

        @Test
        void getVanillaCanonicalRequestIsThePublishedOne() throws Exception {
            HttpRequest request = suiteRequest("GET", "/", "", "unused");
            assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    CanonicalRequest.of(request, List.of("host", "x-amz-date"),
                            SigV4Signature.sha256Hex(new byte[0])));
        }

        @Test
        void getVanilla() throws Exception {
            HttpRequest request = suiteRequest("GET", "/", "",
                    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
            assertEquals(SUITE_KEY, suiteVerifier(SUITE_TIME).verify(request).credentials().accessKeyId());
        }

        @Test
        void getVanillaQueryOrderKeyCase() throws Exception {
            HttpRequest request = suiteRequest("GET", "/", "Param2=value2&Param1=value1",
                    "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
            suiteVerifier(SUITE_TIME).verify(request);
        }

        @Test
        void postVanilla() throws Exception {
            HttpRequest request = suiteRequest("POST", "/", "",
                    "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
            suiteVerifier(SUITE_TIME).verify(request);
        }

        @Test
        void getUtf8RawPath() throws Exception {
            HttpRequest request = suiteRequest("GET", "/\u1234", "",
                    "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
            suiteVerifier(SUITE_TIME).verify(request);
        }

        @Test
        void getVanillaWithAnyTamperingIsRefused() {
            HttpRequest good = suiteRequest("GET", "/", "",
                    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
            SigV4Verifier verifier = suiteVerifier(SUITE_TIME);
            List<UnaryOperator<HttpRequest>> tamperings = List.of(
                    r -> withHeader(r, "Host", "other.amazonaws.com"),
                    r -> new HttpRequest("t", r.method(), "/other", r.rawQuery(), r.headers(), r.body()),
                    r -> new HttpRequest("t", "POST", r.rawPath(), r.rawQuery(), r.headers(), r.body()),
                    r -> new HttpRequest("t", r.method(), r.rawPath(), "a=b", r.headers(), r.body()),
                    r -> withHeader(r, "X-Amz-Date", "20150830T123601Z"),
                    r -> withHeader(r, "Authorization", r.header("Authorization").orElseThrow()
                            .replace("Signature=5fa", "Signature=5fb")));
            for (UnaryOperator<HttpRequest> tamper : tamperings) {
                ApiException error = rejected(verifier, tamper.apply(good));
                assertEquals(403, error.status());
                assertEquals("InvalidSignatureException", error.type());
                assertTrue(error.getMessage().startsWith("The request signature we calculated does not match"),
                        error.getMessage());
            }
        }

        @Test
        void bodyAddedToPostVanillaIsRefused() {
            HttpRequest good = suiteRequest("POST", "/", "",
                    "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
            HttpRequest withBody = new HttpRequest("t", "POST", "/", "", good.headers(),
                    "x".getBytes(StandardCharsets.UTF_8));
            assertEquals("InvalidSignatureException", rejected(suiteVerifier(SUITE_TIME), withBody).type());
        }
    }

    @Nested
    class ClockSkew {

        private final HttpRequest vanilla = suiteRequest("GET", "/", "",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        @Test
        void withinFiveMinutesEitherWayIsAccepted() throws Exception {
            suiteVerifier(SUITE_TIME.plus(Duration.ofMinutes(5))).verify(vanilla);
            suiteVerifier(SUITE_TIME.minus(Duration.ofMinutes(5))).verify(vanilla);
        }

        @Test
        void tooOldIsExpired() {
            ApiException error = rejected(suiteVerifier(SUITE_TIME.plus(Duration.ofMinutes(6))), vanilla);
            assertEquals(403, error.status());
            assertEquals("InvalidSignatureException", error.type());
            assertEquals("Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z "
                    + "(20150830T124200Z - 5 min.)", error.getMessage());
        }

        @Test
        void tooFarInTheFutureIsNotYetCurrent() {
            ApiException error = rejected(suiteVerifier(SUITE_TIME.minus(Duration.ofMinutes(6))), vanilla);
            assertEquals("InvalidSignatureException", error.type());
            assertTrue(error.getMessage().startsWith("Signature not yet current: 20150830T123600Z"));
        }
    }

    @Nested
    class MalformedOrMissing {

        private final SigV4Verifier verifier = suiteVerifier(SUITE_TIME);
        private final HttpRequest vanilla = suiteRequest("GET", "/", "",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        @Test
        void noAuthorizationHeader() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization", null));
            assertEquals(403, error.status());
            assertEquals("MissingAuthenticationTokenException", error.type());
        }

        @Test
        void noDateHeader() {
            assertEquals("IncompleteSignatureException",
                    rejected(verifier, withHeader(vanilla, "X-Amz-Date", null)).type());
        }

        @Test
        void unparseableDate() {
            assertEquals("IncompleteSignatureException",
                    rejected(verifier, withHeader(vanilla, "X-Amz-Date", "2015-08-30T12:36:00Z")).type());
        }

        @Test
        void authorizationWithoutSignature() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + SUITE_SCOPE + ", SignedHeaders=host;x-amz-date"));
            assertEquals("IncompleteSignatureException", error.type());
            assertEquals("Authorization header requires 'Signature' parameter.", error.getMessage());
        }

        @Test
        void otherAlgorithm() {
            assertEquals("IncompleteSignatureException", rejected(verifier, withHeader(vanilla, "Authorization",
                    "AWS AKIDEXAMPLE:c2lnbmF0dXJl")).type());
        }

        @Test
        void hostNotSigned() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + SUITE_SCOPE + ", SignedHeaders=x-amz-date, Signature=00"));
            assertEquals("IncompleteSignatureException", error.type());
            assertTrue(error.getMessage().contains("'host'"));
        }

        @Test
        void dateNotSigned() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + SUITE_SCOPE + ", SignedHeaders=host, Signature=00"));
            assertTrue(error.getMessage().contains("'x-amz-date'"));
        }

        @Test
        void signedHeaderAbsentFromRequest() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + SUITE_SCOPE + ", SignedHeaders=host;x-amz-date;x-other, "
                            + "Signature=00"));
            assertEquals("InvalidSignatureException", error.type());
        }

        @Test
        void unknownAccessKey() {
            ApiException error = rejected(verifier, withHeader(vanilla, "Authorization", vanilla
                    .header("Authorization").orElseThrow().replace("AKIDEXAMPLE", "AKIDUNKNOWN")));
            assertEquals(403, error.status());
            assertEquals("UnrecognizedClientException", error.type());
            assertEquals("The security token included in the request is invalid.", error.getMessage());
        }

        @Test
        void scopeDateRegionServiceAndTerminatorMustMatch() {
            for (String scope : List.of("20150831/us-east-1/service/aws4_request",
                    "20150830/eu-west-1/service/aws4_request", "20150830/us-east-1/airflow/aws4_request",
                    "20150830/us-east-1/service/aws5_request")) {
                ApiException error = rejected(verifier, withHeader(vanilla, "Authorization",
                        vanilla.header("Authorization").orElseThrow()
                                .replace("20150830/us-east-1/service/aws4_request", scope)));
                assertEquals("InvalidSignatureException", error.type(), scope);
                assertTrue(error.getMessage().contains("Credential") || error.getMessage().contains("scope"),
                        error.getMessage());
            }
        }
    }

    /** Requests signed by the AWS SDK's signer for MWAA's signing name, as the emulator will receive them. */
    @Nested
    class AgainstTheJavaSdkSigner {

        private final Clock now = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        private final EmulatorCredentials temporary = new EmulatorCredentials("ASIATEMPORARY0000001",
                "temporarySecret", "session-token/with+odd=chars", "assumed-role/mwaa-login-function/local");
        private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", "airflow", registered(now, Map.of(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT,
                temporary.accessKeyId(), temporary)), now);

        private HttpRequest signed(String method, String uri, String body, EmulatorCredentials as) {
            return SdkSigner.sign(method, uri, body, as.accessKeyId(), as.secretAccessKey(), as.sessionToken(),
                    "us-east-1", "airflow", now);
        }

        @Test
        void webTokenPostIsAcceptedAndNamesTheSigner() throws Exception {
            HttpRequest request = signed("POST", "http://127.0.0.1:4566/webtoken/demo", "",
                    EmulatorCredentials.DEFAULT);
            assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY,
                    verifier.verify(request).credentials().iamIdentity());
        }

        @Test
        void pathsAreDoubleEncodedLikeTheSdk() throws Exception {
            // The SDK sends /webtoken/a%20b%2Fc and signs /webtoken/a%2520b%252Fc.
            HttpRequest request = signed("POST", "http://127.0.0.1:4566/webtoken/a%20b%2Fc", "",
                    EmulatorCredentials.DEFAULT);
            assertEquals("/webtoken/a%20b%2Fc", request.rawPath());
            assertEquals("/webtoken/a%2520b%252Fc", CanonicalRequest.uri(request.rawPath()));
            verifier.verify(request);
        }

        @Test
        void queryIsSortedAndReencoded() throws Exception {
            verifier.verify(signed("GET", "http://127.0.0.1:4566/x?b=2&a=%20sp%2Bplus&a=0", "",
                    EmulatorCredentials.DEFAULT));
        }

        @Test
        void signedBodyIsChecked() throws Exception {
            HttpRequest request = signed("POST", "http://127.0.0.1:4566/webtoken/demo", "{\"a\":1}",
                    EmulatorCredentials.DEFAULT);
            verifier.verify(request);
            HttpRequest tampered = new HttpRequest("t", request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
            ApiException error = rejected(verifier, tampered);
            if (request.header(SigV4Verifier.CONTENT_SHA256_HEADER).isPresent()) {
                assertEquals(400, error.status());
                assertEquals("XAmzContentSHA256Mismatch", error.type());
            } else {
                assertEquals("InvalidSignatureException", error.type());
            }
        }

        @Test
        void contentHashHeaderMustMatchTheBody() {
            HttpRequest request = withHeader(signed("POST", "http://127.0.0.1:4566/webtoken/demo", "",
                    EmulatorCredentials.DEFAULT), SigV4Verifier.CONTENT_SHA256_HEADER, "00".repeat(32));
            ApiException error = rejected(verifier, request);
            assertEquals(400, error.status());
            assertEquals("XAmzContentSHA256Mismatch", error.type());
        }

        @Test
        void wrongSecretIsASignatureMismatch() {
            HttpRequest request = SdkSigner.sign("POST", "http://127.0.0.1:4566/webtoken/demo", "",
                    EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, "not-the-secret", null, "us-east-1", "airflow", now);
            ApiException error = rejected(verifier, request);
            assertEquals(403, error.status());
            assertEquals("InvalidSignatureException", error.type());
        }

        @Test
        void sessionTokenIsSignedAndRequired() throws Exception {
            HttpRequest request = signed("POST", "http://127.0.0.1:4566/webtoken/demo", "", temporary);
            assertEquals(temporary, verifier.verify(request).credentials());

            assertEquals("UnrecognizedClientException",
                    rejected(verifier, withHeader(request, "X-Amz-Security-Token", null)).type());
            // A different token is both unknown and unsigned; AWS reports the unknown token.
            assertEquals("UnrecognizedClientException",
                    rejected(verifier, withHeader(request, "X-Amz-Security-Token", "other")).type());
        }

        @Test
        void sessionTokenMustBeASignedHeader() {
            HttpRequest request = signed("POST", "http://127.0.0.1:4566/webtoken/demo", "", temporary);
            String authorization = request.header("Authorization").orElseThrow();
            HttpRequest unsignedToken = withHeader(request, "Authorization",
                    authorization.replace(";x-amz-security-token", ""));
            ApiException error = rejected(verifier, unsignedToken);
            assertEquals("IncompleteSignatureException", error.type());
        }

        @Test
        void longTermKeyWithASessionTokenIsRefused() {
            HttpRequest request = SdkSigner.sign("POST", "http://127.0.0.1:4566/webtoken/demo", "",
                    EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY,
                    "unexpected-token", "us-east-1", "airflow", now);
            assertEquals("UnrecognizedClientException", rejected(verifier, request).type());
        }
    }

    @Nested
    class CanonicalPieces {

        @Test
        void headerValuesAreTrimmedAndCollapsedAndRepeatsJoined() throws Exception {
            HttpRequest request = new HttpRequest("t", "GET", "/", "", List.of(
                    new HttpRequest.Header("My-Header1", "  value1  "),
                    new HttpRequest.Header("My-Header2", "\"a   b   c\""),
                    new HttpRequest.Header("my-header1", "value2")), new byte[0]);
            assertEquals("my-header1:value1,value2\nmy-header2:\"a b c\"\n",
                    CanonicalRequest.headers(request, List.of("my-header1", "my-header2")));
        }

        @Test
        void dotSegmentsAreRemoved() {
            assertEquals("/", CanonicalRequest.uri("/example/.."));
            assertEquals("/", CanonicalRequest.uri("/./"));
            assertEquals("/example", CanonicalRequest.uri("/example/."));
            assertEquals("/a/c/", CanonicalRequest.uri("/a/b/../c/"));
        }

        @Test
        void queryValuesAreEncodedWithSigV4Rules() {
            assertEquals("A=0&a=%20%2B&b=", CanonicalRequest.query("b&a=%20+&A=0"));
        }
    }
}

package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way an AWS front end does, and answers with
 * AWS's error types and messages when it fails (as a rest-json service names them; {@link Dialect} renames them for
 * the others). On success it says who signed: a registered credential or an unexpired STS session.
 */
final class SigV4Verifier {

    /** How far the request's X-Amz-Date may be from the server's clock, either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    static final String CONTENT_SHA256_HEADER = "x-amz-content-sha256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
            + "documentation for details.";

    private final String region;
    private final String service;
    private final Principals principals;
    private final Clock clock;

    /**
     * @param region     the only region a credential scope may name
     * @param service    the only signing name a credential scope may name ({@code airflow} for MWAA)
     * @param principals who may sign
     * @param clock      the server's "now", for the clock skew check and session expiry
     */
    SigV4Verifier(String region, String service, Principals principals, Clock clock) {
        this.region = region;
        this.service = service;
        this.principals = principals;
        this.clock = clock;
    }

    /**
     * Verifies the request's signature.
     *
     * @return who signed it
     * @throws ApiException with AWS's status, error type and message when it is not properly signed, or signed
     *                      with an expired session
     */
    Principal verify(HttpRequest request) throws ApiException {
        String header = request.header("Authorization")
                .orElseThrow(() -> new ApiException(403, "MissingAuthenticationTokenException",
                        "Missing Authentication Token"));
        SigV4Authorization authorization = SigV4Authorization.parse(header);
        String amzDate = request.header("X-Amz-Date").orElseThrow(() -> incomplete(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        Instant signedAt = parseAmzDate(amzDate);
        requireSigned(authorization, "host");
        requireSigned(authorization, "x-amz-date");
        if (request.header("X-Amz-Security-Token").isPresent()) {
            requireSigned(authorization, "x-amz-security-token");
        }
        checkScope(authorization, amzDate);
        checkSkew(amzDate, signedAt);
        Principal signer = knownSigner(authorization, request);
        if (signer.expiredAt(clock.instant())) {
            throw new ApiException(403, "ExpiredTokenException",
                    "The security token included in the request is expired");
        }
        String payloadHash = payloadHash(request);
        String expected = SigV4Signature.compute(signer.credentials().secretAccessKey(), authorization.scope(),
                amzDate, CanonicalRequest.of(request, authorization.signedHeaders(), payloadHash));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw invalid(SIGNATURE_MISMATCH);
        }
        return signer;
    }

    private static Instant parseAmzDate(String amzDate) throws ApiException {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See "
                    + "http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void requireSigned(SigV4Authorization authorization, String name) throws ApiException {
        if (!authorization.signedHeaders().contains(name)) {
            throw incomplete("'" + name + "' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    private void checkScope(SigV4Authorization authorization, String amzDate) throws ApiException {
        String day = amzDate.substring(0, 8);
        if (!authorization.scopeDate().equals(day)) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                    + "HTTP: '" + authorization.scopeDate() + "' != '" + day + "', from '" + amzDate + "'.");
        }
        if (!authorization.scopeRegion().equals(region)) {
            throw invalid("Credential should be scoped to a valid region, not '" + authorization.scopeRegion()
                    + "'. ");
        }
        if (!authorization.scopeService().equals(service)) {
            throw invalid("Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!authorization.terminator().equals("aws4_request")) {
            throw invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + authorization.terminator() + "'. ");
        }
    }

    /** AWS's wording, which the SDKs' clock-skew detection and people searching for the message both expect. */
    private void checkSkew(String amzDate, Instant signedAt) throws ApiException {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than " + format(now.minus(MAX_SKEW))
                    + " (" + format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 5 min.)");
        }
    }

    private Principal knownSigner(SigV4Authorization authorization, HttpRequest request) throws ApiException {
        Optional<Principal> signer = principals.find(authorization.accessKeyId());
        String expectedToken = signer.map(p -> p.credentials().sessionToken()).orElse(null);
        Optional<String> sessionToken = request.header("X-Amz-Security-Token");
        boolean tokenMatches = signer.isPresent() && (expectedToken == null
                ? sessionToken.isEmpty()
                : sessionToken.map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                        expectedToken.getBytes(StandardCharsets.UTF_8))).orElse(false));
        if (!tokenMatches) {
            throw new ApiException(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        return signer.get();
    }

    /**
     * The hash of the body actually received. A client's {@code x-amz-content-sha256} must agree with it; the
     * literal {@code UNSIGNED-PAYLOAD} is signed as is, as AWS allows.
     */
    private static String payloadHash(HttpRequest request) throws ApiException {
        String actual = SigV4Signature.sha256Hex(request.body());
        Optional<String> claimed = request.header(CONTENT_SHA256_HEADER);
        if (claimed.isEmpty()) {
            return actual;
        }
        if (claimed.get().equals(UNSIGNED_PAYLOAD)) {
            return UNSIGNED_PAYLOAD;
        }
        if (!claimed.get().equalsIgnoreCase(actual)) {
            throw new ApiException(400, "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return actual;
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static ApiException incomplete(String message) {
        return new ApiException(403, "IncompleteSignatureException", message);
    }

    private static ApiException invalid(String message) {
        return new ApiException(403, "InvalidSignatureException", message);
    }
}

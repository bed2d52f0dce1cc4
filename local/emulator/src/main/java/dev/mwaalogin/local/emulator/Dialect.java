package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each AWS service the emulator plays speaks its errors: MWAA (rest-json), STS (query protocol, XML) and
 * Secrets Manager (awsJson 1.1). The same failure has a different code, and sometimes status, in each; SDKs pick
 * their exception classes (and throttling and clock-skew handling) from these.
 */
enum Dialect {

    MWAA(Map.of(400, "ValidationException", 403, "AccessDeniedException", 404, "ResourceNotFoundException",
            429, "ThrottlingException", 500, "InternalServerException", 503, "ServiceUnavailableException"),
            429, "ThrottlingException", Map.of()),

    STS(Map.of(400, "ValidationError", 403, "AccessDenied", 500, "InternalFailure", 503, "ServiceUnavailable"),
            400, "Throttling", Map.of(
                    "MissingAuthenticationTokenException", "MissingAuthenticationToken",
                    "IncompleteSignatureException", "IncompleteSignature",
                    "InvalidSignatureException", "SignatureDoesNotMatch",
                    "UnrecognizedClientException", "InvalidClientTokenId",
                    "ExpiredTokenException", "ExpiredToken")),

    SECRETS_MANAGER(Map.of(400, "InvalidParameterException", 404, "ResourceNotFoundException",
            500, "InternalServiceError", 503, "ServiceUnavailable"),
            400, "ThrottlingException", Map.of());

    private final Map<Integer, String> typeByStatus;
    private final int throttleStatus;
    private final String throttleType;
    private final Map<String, String> signatureErrorCodes;

    Dialect(Map<Integer, String> typeByStatus, int throttleStatus, String throttleType,
            Map<String, String> signatureErrorCodes) {
        this.typeByStatus = typeByStatus;
        this.throttleStatus = throttleStatus;
        this.throttleType = throttleType;
        this.signatureErrorCodes = signatureErrorCodes;
    }

    /** The status with this service's usual error type for it. */
    Fault.ErrorStatus statusFault(int status) {
        String type = typeByStatus.get(status);
        if (type == null) {
            throw new IllegalArgumentException("no " + this + " error type is implied by status " + status
                    + "; name one (known: " + typeByStatus + ")");
        }
        return new Fault.ErrorStatus(status, type);
    }

    /** Throttling as this service answers it: MWAA 429 ThrottlingException, STS 400 Throttling, and so on. */
    Fault.ErrorStatus throttle() {
        return new Fault.ErrorStatus(throttleStatus, throttleType);
    }

    /**
     * An error answer in this service's shape. The JSON services carry the type in both the header and
     * {@code __type}, and the message as both {@code message} (most shapes) and {@code Message} (MWAA's
     * AccessDeniedException's member is capitalised in the model).
     */
    HttpResponse error(int status, String type, String message, String requestId) {
        if (this == STS) {
            return StsXml.error(status, type, message, requestId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("message", message);
        body.put("Message", message);
        HttpResponse response = HttpResponse.json(status, body).header(HttpResponse.ERROR_TYPE_HEADER, type);
        return this == MWAA ? response : response.header("Content-Type", SecretsManagerEndpoint.CONTENT_TYPE);
    }

    HttpResponse error(ApiException e, String requestId) {
        return error(e.status(), e.type(), e.getMessage(), requestId);
    }

    /**
     * A signature check's refusal (worded by {@link SigV4Verifier} as MWAA's front end words it) as this service's
     * front end words it: STS names the same failures differently, and awsJson services answer them with 400.
     */
    ApiException signatureError(ApiException e) {
        return switch (this) {
            case MWAA -> e;
            case STS -> new ApiException(e.status(), signatureErrorCodes.getOrDefault(e.type(), e.type()),
                    e.getMessage());
            case SECRETS_MANAGER -> new ApiException(400, e.type(), e.getMessage());
        };
    }

    /** A 200 whose body is cut off mid-way: what a dropped connection or a broken proxy leaves. */
    HttpResponse truncatedAnswer() {
        return switch (this) {
            case MWAA -> HttpResponse.raw(200, "application/json",
                    "{\"WebToken\":\"eyJ0eXAiOiJK".getBytes(StandardCharsets.UTF_8));
            case STS -> HttpResponse.raw(200, "text/xml", ("<AssumeRoleResponse xmlns=\"" + StsXml.NAMESPACE
                    + "\"><AssumeRoleResult><Credentials><AccessKeyId>ASIA").getBytes(StandardCharsets.UTF_8));
            case SECRETS_MANAGER -> HttpResponse.raw(200, SecretsManagerEndpoint.CONTENT_TYPE,
                    "{\"ARN\":\"arn:aws:secretsmanager:".getBytes(StandardCharsets.UTF_8));
        };
    }
}

package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void eachServiceThrottlesItsOwnWay() {
        assertEquals(new Fault.ErrorStatus(429, "ThrottlingException"), Dialect.MWAA.throttle());
        assertEquals(new Fault.ErrorStatus(400, "Throttling"), Dialect.STS.throttle());
        assertEquals(new Fault.ErrorStatus(400, "ThrottlingException"), Dialect.SECRETS_MANAGER.throttle());
        assertEquals("Rate exceeded", Dialect.STS.throttle().message());
    }

    @Test
    void statusesTakeTheServicesErrorType() {
        assertEquals("ValidationError", Dialect.STS.statusFault(400).errorType());
        assertEquals("AccessDenied", Dialect.STS.statusFault(403).errorType());
        assertEquals("ResourceNotFoundException", Dialect.SECRETS_MANAGER.statusFault(404).errorType());
        assertEquals(Fault.ErrorStatus.of(503), Dialect.MWAA.statusFault(503));
        assertThrows(IllegalArgumentException.class, () -> Dialect.STS.statusFault(404), "STS has no 404");
    }

    @Test
    void signatureErrorsAreRenamedForTheQueryProtocolAndAre400ForAwsJson() {
        ApiException unknownKey = new ApiException(403, "UnrecognizedClientException", "invalid");
        ApiException sts = Dialect.STS.signatureError(unknownKey);
        assertEquals("InvalidClientTokenId", sts.type());
        assertEquals(403, sts.status());
        assertEquals("SignatureDoesNotMatch",
                Dialect.STS.signatureError(new ApiException(403, "InvalidSignatureException", "x")).type());
        assertEquals("ExpiredToken",
                Dialect.STS.signatureError(new ApiException(403, "ExpiredTokenException", "x")).type());
        ApiException secrets = Dialect.SECRETS_MANAGER.signatureError(unknownKey);
        assertEquals(400, secrets.status());
        assertEquals("UnrecognizedClientException", secrets.type());
        assertEquals(unknownKey, Dialect.MWAA.signatureError(unknownKey));
    }

    @Test
    void errorsHaveTheServicesShape() {
        HttpResponse sts = Dialect.STS.error(400, "Throttling", "Rate exceeded", "r");
        assertTrue(sts.bodyText().startsWith("<ErrorResponse"), sts.bodyText());
        HttpResponse secrets = Dialect.SECRETS_MANAGER.error(400, "ResourceNotFoundException", "nope", "r");
        assertEquals("application/x-amz-json-1.1", secrets.header("Content-Type").orElseThrow());
        assertEquals("ResourceNotFoundException", secrets.header("x-amzn-ErrorType").orElseThrow());
        assertEquals("ResourceNotFoundException", JsonMaps.parse(secrets.bodyText()).get("__type"));
    }
}

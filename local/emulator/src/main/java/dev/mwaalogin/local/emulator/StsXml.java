package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** STS's query-protocol answers: AssumeRole's result and the {@code ErrorResponse} shape, as {@code text/xml}. */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {
    }

    /** AssumeRole's answer for an issued session. */
    static HttpResponse assumeRoleResponse(Principal session, String account, String sourceIdentity,
                                           String requestId) {
        EmulatorCredentials credentials = session.credentials();
        String sessionName = credentials.iamIdentity().substring(credentials.iamIdentity().lastIndexOf('/') + 1);
        MiniXml xml = new MiniXml().open("AssumeRoleResponse", NAMESPACE).open("AssumeRoleResult");
        if (sourceIdentity != null) {
            xml.leaf("SourceIdentity", sourceIdentity);
        }
        xml.open("AssumedRoleUser")
                .leaf("AssumedRoleId", roleId(session.role()) + ":" + sessionName)
                .leaf("Arn", session.arn(account))
                .close("AssumedRoleUser")
                .open("Credentials")
                .leaf("AccessKeyId", credentials.accessKeyId())
                .leaf("SecretAccessKey", credentials.secretAccessKey())
                .leaf("SessionToken", credentials.sessionToken())
                .leaf("Expiration", iso8601(session.expiration()))
                .close("Credentials")
                .close("AssumeRoleResult")
                .open("ResponseMetadata").leaf("RequestId", requestId).close("ResponseMetadata")
                .close("AssumeRoleResponse");
        return xml(200, xml.toString());
    }

    /** {@code Sender} faults for 4xx, {@code Receiver} for 5xx, as AWS's query services answer. */
    static HttpResponse error(int status, String code, String message, String requestId) {
        MiniXml xml = new MiniXml().open("ErrorResponse", NAMESPACE)
                .open("Error")
                .leaf("Type", status < 500 ? "Sender" : "Receiver")
                .leaf("Code", code)
                .leaf("Message", message)
                .close("Error")
                .leaf("RequestId", requestId)
                .close("ErrorResponse");
        return xml(status, xml.toString()).errorType(code);
    }

    /**
     * A role's unique id as IAM shows it ({@code AROA} and 17 characters), derived from its ARN so it is the same
     * for every session of the role and across restarts.
     */
    static String roleId(IamRole role) {
        String digest = SigV4Signature.sha256Hex(role.arn().getBytes(StandardCharsets.UTF_8));
        return "AROA" + digest.substring(0, 17).toUpperCase(Locale.ROOT);
    }

    /** ISO-8601 in UTC to the millisecond, e.g. {@code 2025-01-31T12:00:00.000Z}, as STS writes timestamps. */
    static String iso8601(Instant instant) {
        String text = instant.truncatedTo(ChronoUnit.MILLIS).toString();
        return text.contains(".") ? text : text.replace("Z", ".000Z");
    }

    private static HttpResponse xml(int status, String body) {
        return HttpResponse.raw(status, "text/xml", body.getBytes(StandardCharsets.UTF_8));
    }
}

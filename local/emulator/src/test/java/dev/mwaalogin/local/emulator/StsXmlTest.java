package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class StsXmlTest {

    private static Document parse(HttpResponse response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                response.bodyText().getBytes(StandardCharsets.UTF_8)));
    }

    private static String at(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document);
    }

    @Test
    void miniXmlEscapesEveryReservedCharacter() {
        assertEquals("<A xmlns=\"urn:x\"><B>&lt;/B&gt;&amp;&quot;&apos;</B></A>",
                new MiniXml().open("A", "urn:x").leaf("B", "</B>&\"'").close("A").toString());
    }

    @Test
    void assumeRoleAnswersWithAwssShape() throws Exception {
        Instant now = Instant.parse("2025-03-04T05:06:07.089Z");
        IamRole role = IamRole.of("arn:aws:iam::123456789012:role/team/mwaa-admin", "Admin");
        Principal session = new Principals(Map.of(), MwaaGrant.everywhere("Viewer"), Clock.fixed(now, ZoneOffset.UTC),
                TokenLedger.NONE).issue(role, "alice", Duration.ofMinutes(15));
        HttpResponse response = StsXml.assumeRoleResponse(session, "123456789012", "alice", "req-1");

        assertEquals(200, response.status());
        assertEquals("text/xml", response.header("Content-Type").orElseThrow());
        Document xml = parse(response);
        String result = "/AssumeRoleResponse/AssumeRoleResult/";
        assertEquals(StsXml.NAMESPACE, xml.getDocumentElement().getAttribute("xmlns"));
        assertEquals(session.credentials().accessKeyId(), at(xml, result + "Credentials/AccessKeyId"));
        assertEquals(session.credentials().secretAccessKey(), at(xml, result + "Credentials/SecretAccessKey"));
        assertEquals(session.credentials().sessionToken(), at(xml, result + "Credentials/SessionToken"));
        assertEquals("2025-03-04T05:21:07.089Z", at(xml, result + "Credentials/Expiration"));
        assertEquals("arn:aws:sts::123456789012:assumed-role/mwaa-admin/alice",
                at(xml, result + "AssumedRoleUser/Arn"));
        assertTrue(at(xml, result + "AssumedRoleUser/AssumedRoleId").matches("AROA[0-9A-F]{17}:alice"));
        assertEquals("alice", at(xml, result + "SourceIdentity"));
        assertEquals("req-1", at(xml, "/AssumeRoleResponse/ResponseMetadata/RequestId"));
    }

    @Test
    void errorsAreSenderOrReceiverFaults() throws Exception {
        HttpResponse denied = StsXml.error(403, "AccessDenied", "User: <x> is not authorized", "req-2");
        Document xml = parse(denied);
        assertEquals("Sender", at(xml, "/ErrorResponse/Error/Type"));
        assertEquals("AccessDenied", at(xml, "/ErrorResponse/Error/Code"));
        assertEquals("User: <x> is not authorized", at(xml, "/ErrorResponse/Error/Message"));
        assertEquals("req-2", at(xml, "/ErrorResponse/RequestId"));
        assertEquals("AccessDenied", denied.errorType().orElseThrow(), "for the request log");
        assertEquals("Receiver", at(parse(StsXml.error(503, "ServiceUnavailable", "x", "r")), "//Type"));
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        assertEquals("2025-01-01T00:00:00.000Z", StsXml.iso8601(Instant.parse("2025-01-01T00:00:00Z")));
        assertEquals("2025-01-01T00:00:00.120Z", StsXml.iso8601(Instant.parse("2025-01-01T00:00:00.120999Z")));
    }
}

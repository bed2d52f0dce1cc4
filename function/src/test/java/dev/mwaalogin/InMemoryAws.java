package dev.mwaalogin;

import dev.mwaalogin.priming.CannedHttpClient;
import dev.mwaalogin.priming.CannedHttpClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * STS and MWAA answering from memory, for unit tests of the per-person path: AssumeRole issues numbered credentials
 * and remembers whose they are; CreateWebLoginToken answers as the identity whose credentials signed it. The real
 * protocols over real HTTP are the emulator's job (local/); this checks the decisions.
 */
public final class InMemoryAws implements SdkHttpClient {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Z0-9]+)/");

    /** What one AssumeRole asked for. */
    record Assumed(String roleArn, String sessionName, String sourceIdentity, String durationSeconds) {
    }

    final List<Assumed> assumed = new ArrayList<>();
    final List<String> mintedBy = new ArrayList<>();
    private final Map<String, String> identities = new ConcurrentHashMap<>();
    private final Clock clock;
    /** When set, every STS call answers this instead. */
    Answer stsFailure;
    private int issued;
    /** Every STS request, failed ones and retries included. */
    int stsCalls;

    public InMemoryAws(Clock clock) {
        this.clock = clock;
    }

    static Answer stsError(int status, String code) {
        return new Answer(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "sts-req-1"),
                "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>secret detail</Message>"
                        + "</Error><RequestId>sts-req-1</RequestId></ErrorResponse>");
    }

    /** Secrets Manager's secrets by name, for browser sign-in. */
    public final Map<String, String> secrets = new ConcurrentHashMap<>();
    int secretReads;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean secret = request.httpRequest().firstMatchingHeader("X-Amz-Target")
                .filter(target -> target.startsWith("secretsmanager.")).isPresent();
        String path = request.httpRequest().encodedPath();
        Answer answer = secret ? secret(request) : path.startsWith("/webtoken/") ? mint(request)
                : path.startsWith("/restapi/") ? restApi(request) : sts(request);
        return new CannedHttpClient(r -> answer).prepareRequest(request);
    }

    private synchronized Answer sts(HttpExecuteRequest request) {
        stsCalls++;
        if (stsFailure != null) {
            return stsFailure;
        }
        Map<String, String> form = form(request);
        assumed.add(new Assumed(form.get("RoleArn"), form.get("RoleSessionName"), form.get("SourceIdentity"),
                form.get("DurationSeconds")));
        String key = String.format("ASIAINMEMORY%08d", ++issued);
        String roleName = form.get("RoleArn").substring(form.get("RoleArn").lastIndexOf('/') + 1);
        identities.put(key, "assumed-role/" + roleName + "/" + form.get("RoleSessionName"));
        String expires = clock.instant().plus(Duration.ofSeconds(Long.parseLong(form.get("DurationSeconds"))))
                .toString();
        return new Answer(200, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "sts-req-" + issued),
                "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>" + key + "</AccessKeyId>"
                        + "<SecretAccessKey>secret-" + issued + "</SecretAccessKey><SessionToken>session-" + issued
                        + "</SessionToken><Expiration>" + expires + "</Expiration></Credentials></AssumeRoleResult>"
                        + "<ResponseMetadata><RequestId>sts-req-" + issued + "</RequestId></ResponseMetadata>"
                        + "</AssumeRoleResponse>");
    }

    private synchronized Answer mint(HttpExecuteRequest request) {
        String authorization = request.httpRequest().firstMatchingHeader("Authorization").orElse("");
        Matcher key = CREDENTIAL.matcher(authorization);
        String identity = key.find() ? identities.getOrDefault(key.group(1), "assumed-role/mwaa-login/fn") : "?";
        mintedBy.add(identity);
        return new Answer(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "mwaa-req-1"),
                "{\"WebToken\":\"" + LoginServiceTest.TOKEN + "\",\"WebServerHostname\":\"" + LoginServiceTest.HOST
                        + "\",\"IamIdentity\":\"" + identity + "\",\"AirflowIdentity\":\"" + identity + "\"}");
    }

    /** What one InvokeRestApi carried: who signed it, for which environment, and MWAA's request body. */
    record RestCall(String identity, String environment, String body) {
    }

    final List<RestCall> restCalls = new ArrayList<>();
    /** What InvokeRestApi answers; by default Airflow's 200 with an empty list of DAGs. */
    Answer restApiAnswer = restApiAnswer(200, "{\"RestApiStatusCode\":200,\"RestApiResponse\":{\"dags\":[],"
            + "\"total_entries\":0}}", null);

    /** An InvokeRestApi answer: HTTP status, body, and the error type for a failure (null for none). */
    static Answer restApiAnswer(int status, String body, String errorType) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "mwaa-req-2"));
        if (errorType != null) {
            headers.put("x-amzn-ErrorType", errorType);
        }
        return new Answer(status, headers, body);
    }

    private synchronized Answer restApi(HttpExecuteRequest request) {
        String authorization = request.httpRequest().firstMatchingHeader("Authorization").orElse("");
        Matcher key = CREDENTIAL.matcher(authorization);
        String identity = key.find() ? identities.getOrDefault(key.group(1), "assumed-role/mwaa-login/fn") : "?";
        String body;
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restCalls.add(new RestCall(identity, request.httpRequest().encodedPath().substring("/restapi/".length()),
                body));
        return restApiAnswer;
    }

    private synchronized Answer secret(HttpExecuteRequest request) {
        secretReads++;
        String body;
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = dev.mwaalogin.internal.JsonReader.text(dev.mwaalogin.internal.JsonReader.parse(body), "SecretId");
        String value = secrets.get(id);
        if (value == null) {
            return new Answer(400, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-RequestId", "sm-1"),
                    "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find it\"}");
        }
        return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-RequestId", "sm-1"),
                "{\"Name\":\"" + id + "\",\"SecretString\":" + dev.mwaalogin.internal.Json.quote(value) + "}");
    }

    private static Map<String, String> form(HttpExecuteRequest request) {
        Map<String, String> form = new HashMap<>();
        try (InputStream body = request.contentStreamProvider().orElseThrow().newStream()) {
            for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return form;
    }

    @Override
    public void close() {
    }
}

package dev.mwaalogin.aws;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.request.Failure.UpstreamFailed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiServerException;

/**
 * Airflow's REST API through MWAA's {@code InvokeRestApi}, signed with the person's own session: Airflow's answer
 * (its status and JSON) whether Airflow accepted the call or refused it ({@code RestApiClientException}, a 4xx of
 * Airflow's own, which is the caller's to read), and every other failure classified as {@link Failed}.
 */
public final class MwaaRestApi {

    /**
     * The largest answer passed back: Lambda returns at most 6 MB from a synchronous invocation, event and headers
     * included.
     */
    public static final int MAX_ANSWER_CHARS = 5 * 1024 * 1024;

    private final MwaaClient client;
    private final Duration clientTimeout;

    public MwaaRestApi(MwaaClient client, Duration clientTimeout) {
        this.client = client;
        this.clientTimeout = clientTimeout;
    }

    /**
     * What Airflow answered.
     *
     * @param status    Airflow's HTTP status
     * @param json      Airflow's answer as JSON text
     * @param requestId MWAA's request id
     */
    public record AirflowAnswer(int status, String json, String requestId) {

        @Override
        public String toString() {
            // Airflow's answer is the caller's data: never printed.
            return "AirflowAnswer[" + status + "]";
        }
    }

    /**
     * Calls Airflow's REST API in an environment.
     *
     * @param credentials the person's session
     * @param query       query parameters, as text
     * @param body        the JSON object body, or null
     * @throws Failed MWAA's refusals and failures, an Airflow server error ({@link Kind#AIRFLOW_FAILED}), an answer
     *                too large to return ({@link Kind#TOO_LARGE})
     */
    public AirflowAnswer invoke(String environment, String method, String path, Map<String, String> query,
                                Map<String, Object> body, AwsCredentialsProvider credentials, Deadline deadline) {
        InvokeRestApiRequest.Builder request = InvokeRestApiRequest.builder().name(environment).method(method)
                .path(path);
        if (!query.isEmpty()) {
            Document.MapBuilder parameters = Document.mapBuilder();
            query.forEach(parameters::putString);
            request.queryParameters(parameters.build());
        }
        if (body != null) {
            request.body(document(body));
        }
        // Airflow's own answers are caught inside the call, where the SDK's exception still carries them.
        return deadline.call(Service.MWAA, clientTimeout, credentials, override -> {
            try {
                InvokeRestApiResponse answer = client.invokeRestApi(request.overrideConfiguration(override).build());
                return answered(answer.restApiStatusCode(), answer.restApiResponse(),
                        answer.responseMetadata().requestId());
            } catch (RestApiClientException refused) {
                return answered(refused.restApiStatusCode(), refused.restApiResponse(), refused.requestId());
            } catch (RestApiServerException airflow) {
                throw new Failed(new UpstreamFailed(Service.MWAA, Kind.AIRFLOW_FAILED, "RestApiServerException/"
                        + (airflow.restApiStatusCode() == null ? 500 : airflow.restApiStatusCode()),
                        airflow.requestId()));
            }
        });
    }

    private static AirflowAnswer answered(Integer status, Document json, String requestId) {
        String text = json == null ? "{}" : json(json);
        if (text.length() > MAX_ANSWER_CHARS) {
            throw new Failed(new UpstreamFailed(Service.MWAA, Kind.TOO_LARGE, "AnswerTooLarge", requestId));
        }
        int code = status == null || status < 100 || status > 599 ? 502 : status;
        return new AirflowAnswer(code, text, requestId);
    }

    /** JSON as {@link JsonReader} reads it, as an SDK document. */
    static Document document(Object json) {
        if (json instanceof Map<?, ?> map) {
            Document.MapBuilder builder = Document.mapBuilder();
            map.forEach((name, value) -> builder.putDocument((String) name, document(value)));
            return builder.build();
        }
        if (json instanceof List<?> list) {
            Document.ListBuilder builder = Document.listBuilder();
            list.forEach(item -> builder.addDocument(document(item)));
            return builder.build();
        }
        if (json instanceof String text) {
            return Document.fromString(text);
        }
        if (json instanceof JsonReader.JsonNumber number) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(new BigDecimal(number.text())));
        }
        if (json instanceof Boolean bool) {
            return Document.fromBoolean(bool);
        }
        return Document.fromNull();
    }

    /** An SDK document as JSON text. */
    static String json(Document document) {
        StringBuilder out = new StringBuilder();
        write(document, out);
        return out.toString();
    }

    private static void write(Document document, StringBuilder out) {
        if (document == null || document.isNull()) {
            out.append("null");
        } else if (document.isMap()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Document> member : document.asMap().entrySet()) {
                out.append(first ? "" : ",").append(dev.mwaalogin.internal.Json.quote(member.getKey())).append(':');
                write(member.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (document.isList()) {
            out.append('[');
            boolean first = true;
            for (Document item : document.asList()) {
                out.append(first ? "" : ",");
                write(item, out);
                first = false;
            }
            out.append(']');
        } else if (document.isString()) {
            out.append(dev.mwaalogin.internal.Json.quote(document.asString()));
        } else if (document.isNumber()) {
            out.append(document.asNumber().stringValue());
        } else {
            out.append(document.asBoolean());
        }
    }
}

package dev.mwaalogin.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** MWAA's rest-json error shape. */
final class ErrorResponses {

    /** The header AWS SDKs read the error type from first; bodies with only {@code code} are not recognised. */
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private ErrorResponses() {
    }

    /**
     * An error answer with the type in both the header and {@code __type}, and the message as both {@code message}
     * (most MWAA shapes) and {@code Message} (AccessDeniedException's member is capitalised in the model).
     */
    static HttpResponse of(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("message", message);
        body.put("Message", message);
        return HttpResponse.json(status, MiniJson.object(body)).header(ERROR_TYPE_HEADER, type);
    }

    static HttpResponse of(ApiException error) {
        return of(error.status(), error.type(), error.getMessage());
    }
}

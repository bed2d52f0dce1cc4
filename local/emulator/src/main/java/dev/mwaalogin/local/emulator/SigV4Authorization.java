package dev.mwaalogin.local.emulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 *
 * @param accessKeyId   the first part of the credential scope
 * @param scopeDate     {@code yyyyMMdd}
 * @param scopeRegion   e.g. {@code us-east-1}
 * @param scopeService  e.g. {@code airflow}
 * @param terminator    always {@code aws4_request} when well formed
 * @param signedHeaders lowercase header names, in the client's order
 * @param signature     lowercase hex
 */
record SigV4Authorization(String accessKeyId, String scopeDate, String scopeRegion, String scopeService,
                          String terminator, List<String> signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
    String scope() {
        return scopeDate + "/" + scopeRegion + "/" + scopeService + "/" + terminator;
    }

    /**
     * Parses the header value.
     *
     * @throws ApiException 403 IncompleteSignatureException naming what is missing, like AWS (but without echoing
     *                      the header back, which would put the signature in logs)
     */
    static SigV4Authorization parse(String header) throws ApiException {
        String value = header.trim();
        if (!value.startsWith(ALGORITHM + " ")) {
            throw incomplete("Unsupported AWS 'algorithm': only " + ALGORITHM + " is supported.");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : value.substring(ALGORITHM.length()).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parts.getOrDefault(required, "").isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (missing.length() > 0) {
            throw incomplete(missing.toString().trim());
        }
        String[] credential = parts.get("Credential").split("/", -1);
        if (credential.length != 5 || Arrays.stream(credential).anyMatch(String::isEmpty)) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term.");
        }
        List<String> signedHeaders = List.of(parts.get("SignedHeaders").split(";"));
        return new SigV4Authorization(credential[0], credential[1], credential[2], credential[3], credential[4],
                signedHeaders, parts.get("Signature"));
    }

    private static ApiException incomplete(String message) {
        return new ApiException(403, "IncompleteSignatureException", message);
    }

    @Override
    public String toString() {
        return "SigV4Authorization[" + accessKeyId + "/" + scope() + ", " + String.join(";", signedHeaders) + "]";
    }
}

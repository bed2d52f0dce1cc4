package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets Manager's GetSecretValue on the emulator's address: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, awsJson 1.1, SigV4 for {@code secretsmanager}. A secret is
 * found by name or by full ARN; only registered credentials (the function's role) may read it. Faults and hits are
 * under {@link MwaaEmulator#SECRETS_MANAGER}.
 */
final class SecretsManagerEndpoint {

    static final String TARGET_PREFIX = "secretsmanager.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String CURRENT = "AWSCURRENT";
    private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";

    private final Map<String, EmulatedSecret> secrets = new LinkedHashMap<>();
    private final SigV4Verifier verifier;
    private final FaultGate gate;
    private final AwsAccount account;

    SecretsManagerEndpoint(List<EmulatedSecret> secrets, SigV4Verifier verifier, FaultGate gate, AwsAccount account) {
        secrets.forEach(secret -> {
            this.secrets.put(secret.name(), secret);
            this.secrets.put(secret.arn(), secret);
        });
        this.verifier = verifier;
        this.gate = gate;
        this.account = account;
    }

    static boolean handles(HttpRequest request) {
        return request.header("X-Amz-Target").filter(t -> t.startsWith(TARGET_PREFIX)).isPresent();
    }

    Reply handle(HttpRequest request) {
        Optional<Reply> faulty = gate.enter(MwaaEmulator.SECRETS_MANAGER, Dialect.SECRETS_MANAGER, request);
        if (faulty.isPresent()) {
            return faulty.get();
        }
        String target = request.header("X-Amz-Target").orElseThrow();
        try {
            Principal caller;
            try {
                caller = verifier.verify(request);
            } catch (ApiException e) {
                throw Dialect.SECRETS_MANAGER.signatureError(e);
            }
            if (!target.equals(TARGET_PREFIX + "GetSecretValue")) {
                throw new ApiException(400, "UnknownOperationException", "The MWAA emulator's Secrets Manager has "
                        + "GetSecretValue only.");
            }
            return getSecretValue(caller, request).operation("secretsmanager:GetSecretValue");
        } catch (ApiException e) {
            return Dialect.SECRETS_MANAGER.error(e, request.id()).operation("secretsmanager");
        }
    }

    private HttpResponse getSecretValue(Principal caller, HttpRequest request) throws ApiException {
        JsonNode input;
        try {
            input = request.jsonObject();
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "SerializationException", "The request body is not a JSON object.");
        }
        String id = input.path("SecretId").textValue(); // null unless a string
        if (id == null || id.isEmpty()) {
            throw new ApiException(400, "ValidationException", "1 validation error detected: Value null at "
                    + "'secretId' failed to satisfy constraint: Member must not be null");
        }
        if (!caller.registered()) {
            throw new ApiException(400, "AccessDeniedException", "User: " + account.callerArn(caller)
                    + " is not authorized to perform: secretsmanager:GetSecretValue on resource: " + id
                    + " because no identity-based policy allows the secretsmanager:GetSecretValue action");
        }
        EmulatedSecret secret = secrets.get(id);
        if (secret == null) {
            throw new ApiException(400, "ResourceNotFoundException", NOT_FOUND);
        }
        requireVersion(secret, input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ARN", secret.arn());
        out.put("Name", secret.name());
        out.put("VersionId", secret.versionId());
        out.put("SecretString", secret.value());
        out.put("VersionStages", List.of(CURRENT));
        out.put("CreatedDate", BigDecimal.valueOf(secret.createdAt().toEpochMilli(), 3));
        return HttpResponse.json(200, out).header("Content-Type", CONTENT_TYPE);
    }

    /** Only the current version exists: asking for another by id or stage finds nothing. */
    private static void requireVersion(EmulatedSecret secret, JsonNode input) throws ApiException {
        String versionId = text(input, "VersionId");
        if (versionId != null && !secret.versionId().equals(versionId)) {
            throw new ApiException(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
        }
        String stage = text(input, "VersionStage");
        if (stage != null && !CURRENT.equals(stage)) {
            throw new ApiException(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + stage);
        }
    }

    /** A member as text (a number as its digits), or null when absent or null. */
    private static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}

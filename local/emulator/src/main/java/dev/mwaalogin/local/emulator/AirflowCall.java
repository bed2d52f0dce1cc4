package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Airflow REST API call as MWAA's InvokeRestApi hands it to an environment's web server.
 *
 * @param user   the Airflow user MWAA signs the call in as: {@code assumed-role/<role>/<session>} of the caller
 * @param role   the Airflow role of that user, from the caller's {@code role/<env>/<AirflowRole>} grant
 * @param method GET, PUT, POST, PATCH or DELETE
 * @param path   relative to the API's root ({@code /api/v1} or {@code /api/v2}), e.g. {@code /dags}; as sent
 * @param query  each query parameter's values, in order
 * @param body   the JSON body, an empty object when none was sent
 */
record AirflowCall(String user, String role, String method, String path, Map<String, List<String>> query,
                   JsonNode body) {

    AirflowCall {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        body = body == null ? JsonNodeFactory.instance.objectNode() : body;
    }
}

package dev.mwaalogin.local;

import dev.mwaalogin.local.emulator.EmulatedEnvironment;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MWAA emulator a local run starts, configured from the function's own environment (template, then env.json)
 * so that it plays the AWS the function expects:
 * <ul>
 *   <li>an environment for {@code MWAA_ENVIRONMENT_NAME} and each of {@code ALLOWED_ENVIRONMENTS}, on Airflow
 *       {@value EmulatedEnvironment#DEFAULT_AIRFLOW_VERSION} unless the local-only {@value #LOCAL_AIRFLOW_VERSIONS}
 *       (e.g. {@code v3demo=3.0.6,other=3.0.1}) says otherwise; the function never sees that variable;</li>
 *   <li>for each {@code AIRFLOW_ROLE_ARNS} entry ({@code Admin=arn:aws:iam::123456789012:role/a;Viewer=...}), an IAM
 *       role the function may assume that grants that Airflow role in every one of those environments; the
 *       emulator plays the roles' account;</li>
 *   <li>the function's own credential granted {@code AIRFLOW_ROLE} (if set) everywhere, as today.</li>
 * </ul>
 * Then it points the function at the emulator: region, the emulator's key pair, and the endpoint of every AWS API
 * it calls ({@code AWS_ENDPOINT_URL_MWAA}, {@code _STS}, {@code _SECRETS_MANAGER}) and {@code AIRFLOW_BASE_URL}.
 */
final class LocalEmulator {

    static final String LOCAL_AIRFLOW_VERSIONS = "LOCAL_AIRFLOW_VERSIONS";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");
    private static final Pattern AIRFLOW_ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private LocalEmulator() {
    }

    /**
     * The emulator for a function environment; removes {@value #LOCAL_AIRFLOW_VERSIONS} from it.
     *
     * @throws IllegalArgumentException when AIRFLOW_ROLE_ARNS or LOCAL_AIRFLOW_VERSIONS cannot be read
     */
    static MwaaEmulator.Builder configure(Map<String, String> env, String region, int port) {
        MwaaEmulator.Builder builder = MwaaEmulator.builder().region(region).port(port);
        Set<String> names = environmentNames(env);
        Map<String, String> versions = pairs(LOCAL_AIRFLOW_VERSIONS, env.remove(LOCAL_AIRFLOW_VERSIONS), "[,;]");
        for (String name : versions.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(LOCAL_AIRFLOW_VERSIONS + " names " + name + ", which is not "
                        + "MWAA_ENVIRONMENT_NAME nor in ALLOWED_ENVIRONMENTS: " + names);
            }
        }
        names.forEach(name -> builder.environment(name,
                versions.getOrDefault(name, EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION)));
        String[] granted = names.toArray(String[]::new);
        pairs("AIRFLOW_ROLE_ARNS", env.get("AIRFLOW_ROLE_ARNS"), ";")
                .forEach((airflowRole, roleArn) -> builder.iamRole(roleArn, airflowRole, granted));
        String ownRole = env.getOrDefault("AIRFLOW_ROLE", "").trim();
        if (AIRFLOW_ROLE.matcher(ownRole).matches()) {
            builder.airflowRole(ownRole);
        }
        return builder;
    }

    /** Points the function at a started emulator for every AWS call and for the Airflow sign-in page. */
    static void pointAt(MwaaEmulator emulator, Map<String, String> env) {
        env.put("AWS_REGION", emulator.region());
        env.put("AWS_DEFAULT_REGION", emulator.region());
        env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        String endpoint = emulator.endpoint().toString();
        env.put("AWS_ENDPOINT_URL_MWAA", endpoint);
        env.put("AWS_ENDPOINT_URL_STS", endpoint);
        // The SDKs' name for Secrets Manager's variable: its service id "Secrets Manager", spaces to underscores.
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint);
        // The emulator also plays the Airflow web server, so the login URL must point at it.
        env.put("AIRFLOW_BASE_URL", endpoint);
    }

    /** MWAA_ENVIRONMENT_NAME, then ALLOWED_ENVIRONMENTS, each valid name once, in that order. */
    static Set<String> environmentNames(Map<String, String> env) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : (env.getOrDefault("MWAA_ENVIRONMENT_NAME", "") + ","
                + env.getOrDefault("ALLOWED_ENVIRONMENTS", "")).split(",")) {
            if (NAME.matcher(name.trim()).matches()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    /** {@code KEY=VALUE} pairs split by {@code separator}; blanks skipped; a pair without {@code =} refused. */
    static Map<String, String> pairs(String variable, String value, String separator) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value == null) {
            return pairs;
        }
        for (String pair : value.split(separator)) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException(variable + ": '" + pair.trim() + "' is not KEY=VALUE");
            }
            if (pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException(variable + " names " + pair.substring(0, equals).trim()
                        + " twice");
            }
        }
        return pairs;
    }
}

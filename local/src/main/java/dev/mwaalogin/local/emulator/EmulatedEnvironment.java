package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An MWAA environment the emulator knows.
 *
 * @param name              the environment name, as in {@code POST /webtoken/{Name}}
 * @param webServerHostname what CreateWebLoginToken returns as {@code WebServerHostname}
 * @param airflowVersion    e.g. {@code 2.10.3}; shown on the sign-in page and by the admin endpoint
 */
public record EmulatedEnvironment(String name, String webServerHostname, String airflowVersion) {

    /** MWAA's EnvironmentName constraint: pattern and 1 to 80 characters. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-zA-Z][0-9a-zA-Z-_]*");
    public static final int NAME_MAX_LENGTH = 80;

    public static final String DEFAULT_AIRFLOW_VERSION = "2.10.3";

    public EmulatedEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webServerHostname, "webServerHostname");
        Objects.requireNonNull(airflowVersion, "airflowVersion");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a valid MWAA environment name (" + NAME_PATTERN.pattern()
                    + ", 1 to " + NAME_MAX_LENGTH + " characters): " + name);
        }
        if (webServerHostname.isBlank() || webServerHostname.contains("/")) {
            throw new IllegalArgumentException("webServerHostname must be a bare host name: " + webServerHostname);
        }
    }

    /**
     * An environment with a hostname shaped like MWAA's ({@code <id>.c7.<region>.airflow.on.aws}). The id is
     * derived from the region and name rather than random, so a person restarting the emulator gets the same
     * hostname back.
     */
    public static EmulatedEnvironment withGeneratedHostname(String name, String region) {
        UUID id = UUID.nameUUIDFromBytes((region + "/" + name).getBytes(StandardCharsets.UTF_8));
        return new EmulatedEnvironment(name, id + ".c7." + region + ".airflow.on.aws", DEFAULT_AIRFLOW_VERSION);
    }

    public static boolean isValidName(String name) {
        return name.length() <= NAME_MAX_LENGTH && NAME_PATTERN.matcher(name).matches();
    }
}

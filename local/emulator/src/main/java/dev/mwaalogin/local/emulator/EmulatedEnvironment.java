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
 * @param airflowVersion    e.g. {@code 2.10.3}; decides the sign-in page's path ({@link #loginPath()}), and is what
 *                          GetEnvironment reports
 */
public record EmulatedEnvironment(String name, String webServerHostname, String airflowVersion) {

    /** MWAA's EnvironmentName constraint: pattern and 1 to 80 characters. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-zA-Z][0-9a-zA-Z-_]*");
    public static final int NAME_MAX_LENGTH = 80;

    public static final String DEFAULT_AIRFLOW_VERSION = "2.10.3";

    /** Where an Airflow 2 web server on MWAA takes the web login token. */
    public static final String AIRFLOW_2_LOGIN_PATH = "/aws_mwaa/aws-console-sso";

    /** Where an Airflow 3 web server on MWAA takes it: the plugin moved under {@code /pluginsv2}. */
    public static final String AIRFLOW_3_LOGIN_PATH = "/pluginsv2/aws_mwaa/aws-console-sso";

    /** MWAA's AirflowVersion constraint. */
    private static final Pattern VERSION_PATTERN = Pattern.compile("[0-9][0-9a-z.]{0,31}");

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
        if (!VERSION_PATTERN.matcher(airflowVersion).matches()) {
            throw new IllegalArgumentException("not an Airflow version such as 2.10.3: " + airflowVersion);
        }
    }

    /**
     * An environment with a hostname shaped like MWAA's ({@code <id>.c7.<region>.airflow.on.aws}). The id is
     * derived from the region and name rather than random, so a person restarting the emulator gets the same
     * hostname back.
     */
    public static EmulatedEnvironment withGeneratedHostname(String name, String region) {
        return withGeneratedHostname(name, region, DEFAULT_AIRFLOW_VERSION);
    }

    public static EmulatedEnvironment withGeneratedHostname(String name, String region, String airflowVersion) {
        UUID id = UUID.nameUUIDFromBytes((region + "/" + name).getBytes(StandardCharsets.UTF_8));
        return new EmulatedEnvironment(name, id + ".c7." + region + ".airflow.on.aws", airflowVersion);
    }

    public static boolean isValidName(String name) {
        return name.length() <= NAME_MAX_LENGTH && NAME_PATTERN.matcher(name).matches();
    }

    /** Airflow's major version: 2 or 3 on MWAA today. */
    public int airflowMajorVersion() {
        int dot = airflowVersion.indexOf('.');
        return Integer.parseInt(dot < 0 ? airflowVersion : airflowVersion.substring(0, dot));
    }

    /** The web server path that takes the login token: {@link #AIRFLOW_3_LOGIN_PATH} from Airflow 3 on. */
    public String loginPath() {
        return airflowMajorVersion() >= 3 ? AIRFLOW_3_LOGIN_PATH : AIRFLOW_2_LOGIN_PATH;
    }

    /** {@code arn:aws:airflow:<region>:<account>:environment/<name>}, as GetEnvironment reports it. */
    public String arn(String region, String account) {
        return "arn:aws:airflow:" + region + ":" + account + ":environment/" + name;
    }
}

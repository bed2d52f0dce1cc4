package dev.mwaalogin.aws;

import static dev.mwaalogin.settings.Variables.invalid;

import dev.mwaalogin.settings.Variables;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where the function's AWS calls go, read from its variables like every other setting. The SDK would otherwise read
 * {@code AWS_ENDPOINT_URL*}, {@code AWS_USE_FIPS_ENDPOINT} and {@code AWS_USE_DUALSTACK_ENDPOINT} from the process
 * environment (and the profile file) by itself, behind the configuration's back: a unit test or a build would then
 * depend on the shell it runs in. {@link SdkClients} hands these values to every client, so the SDK has nothing left
 * to discover.
 *
 * @param mwaa           {@code AWS_ENDPOINT_URL_MWAA}, else {@code AWS_ENDPOINT_URL}
 * @param sts            {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}
 * @param secretsManager {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, else {@code AWS_ENDPOINT_URL}
 * @param fips           {@code AWS_USE_FIPS_ENDPOINT}
 * @param dualStack      {@code AWS_USE_DUALSTACK_ENDPOINT}
 */
public record AwsEndpoints(Optional<URI> mwaa, Optional<URI> sts, Optional<URI> secretsManager, boolean fips,
                    boolean dualStack) {

    /** Each service's own endpoint in the function's Region. */
    public static final AwsEndpoints REGIONAL = new AwsEndpoints(Optional.empty(), Optional.empty(), Optional.empty(),
            false, false);

    /** The same variables, with the same precedence, that the SDK would read. */
    public static AwsEndpoints from(Variables vars) {
        boolean ignoreUrls = vars.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        return new AwsEndpoints(
                ignoreUrls ? Optional.empty() : url(vars, "AWS_ENDPOINT_URL_MWAA"),
                ignoreUrls ? Optional.empty() : url(vars, "AWS_ENDPOINT_URL_STS"),
                ignoreUrls ? Optional.empty() : url(vars, "AWS_ENDPOINT_URL_SECRETS_MANAGER"),
                vars.isTrue("AWS_USE_FIPS_ENDPOINT"),
                vars.isTrue("AWS_USE_DUALSTACK_ENDPOINT"));
    }

    private static Optional<URI> url(Variables vars, String serviceVariable) {
        for (String name : List.of(serviceVariable, "AWS_ENDPOINT_URL")) {
            Optional<String> value = vars.optional(name);
            if (value.isPresent()) {
                URI uri = Variables.absoluteUri(name, value.get());
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw invalid(name, "must be an http or https URL");
                }
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "mwaaEndpoint=" + mwaa.map(URI::toString).orElse("-") + ", stsEndpoint="
                + sts.map(URI::toString).orElse("-") + ", secretsManagerEndpoint="
                + secretsManager.map(URI::toString).orElse("-") + (fips ? ", fips" : "")
                + (dualStack ? ", dualStack" : "");
    }
}

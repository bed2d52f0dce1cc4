package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Browser sign-in written up: its latency (callback to 302, warm and the first after init), the cold
 * start of a function configured for it, and what its code costs where it is off: the classes it loads (none of its
 * own packages) and the default configuration's cold /login with and without its code in the task root.
 *
 * @param unused the class-loading log of one cold /login in the default configuration
 * @param used   the same of one sign-in (first /login, then its callback) with browser sign-in configured
 */
record SignInRows(Samples samples, JsonNode warm, ClassLoadLog unused, ClassLoadLog used) {

    static final double UNUSED_TARGET = 1.05;
    /** The class families only browser sign-in uses, and how the table names them. */
    static final List<String> SIGN_IN_PACKAGES = List.of("dev.mwaalogin.oidc.", "com.nimbusds.",
            "software.amazon.awssdk.services.secretsmanager.");

    /**
     * The default configuration's cold /login with the sign-in code in the task root over without it: the median of
     * the per-round ratios of the two, run back to back.
     */
    double unusedCodeRatio() {
        return ColdRatio.SIGN_IN_CODE.of(samples).median();
    }

    /** Classes of {@link #SIGN_IN_PACKAGES} the default configuration loaded: must be 0. */
    long signInClassesWhenOff() {
        return SIGN_IN_PACKAGES.stream().mapToLong(unused::count).sum();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        Rows.heading(out, "Browser sign-in");
        Rows.row(out, "cold under the runtime client, default configuration (no sign-in): init and one GET /login",
                samples.stats("cold"), "ms");
        Rows.row(out, "cold under the runtime client, sign-in configured: init and the first GET /login, a 302 to "
                + "the provider (sign-in secret, provider discovery)", samples.stats("signInLogin"), "ms");
        Rows.row(out, "&nbsp;&nbsp;of which init", samples.stats("signInInit"), "ms");
        Rows.row(out, "**callback → 302 into Airflow, the first after init** (code exchange, ID token and the "
                + "provider's keys, STS, token)", samples.stats("signInFirstCallback"), "ms");
        Rows.row(out, "cold under the runtime client, sign-in configured: init and a first bearer-token GET "
                + "/login?format=json (keys, verification, STS, token)", samples.stats("signInBearer"), "ms");
        if (samples.has("imageSignInLogin")) {
            Rows.row(out, "the same three, the container image (JDK 25 + AOT cache), each run right after its zip "
                    + "twin: init and the first GET /login", samples.stats("imageSignInLogin"), "ms");
            Rows.row(out, "&nbsp;&nbsp;of which init", samples.stats("imageSignInInit"), "ms");
            Rows.row(out, "&nbsp;&nbsp;**callback → 302 into Airflow, the first after init**",
                    samples.stats("imageSignInFirstCallback"), "ms");
            Rows.row(out, "&nbsp;&nbsp;init and a first bearer-token GET /login?format=json",
                    samples.stats("imageSignInBearer"), "ms");
        }
        Rows.percentiles(out, "warm: GET /login → 302 to the provider", samples.stats("signInWarmLogin"));
        Rows.percentiles(out, "**warm: callback → 302 into Airflow** (a new person each time)",
                samples.stats("signInWarmCallback"));
        Rows.percentiles(out, "&nbsp;&nbsp;for scale: the local provider's token endpoint alone (one code "
                + "exchange, as the benchmark's own client sees it)", samples.stats("providerToken"));
        Rows.percentiles(out, "warm: bearer-token login (a new person each time)", samples.stats("signInWarmBearer"));
        Rows.row(out, "cold, zip, default configuration (sign-in code in the task root, unused)", samples.stats("own"),
                "ms");
        Rows.row(out, "experiment: the same with the sign-in-only code taken out of the task root ("
                + String.join(", ", TaskRootVariants.SIGN_IN_ONLY) + ")", samples.stats("ownWithoutSignIn"), "ms");
        Rows.warm(out, "warm: handler, default configuration", warm, "handler");
        out.append(String.format(Locale.ROOT, "| classes loaded by one cold /login, default configuration: all / "
                        + "`dev.mwaalogin.oidc` / `com.nimbusds` / Secrets Manager client | %d / %d / %d / %d | |%n",
                unused.total(), unused.count(SIGN_IN_PACKAGES.get(0)), unused.count(SIGN_IN_PACKAGES.get(1)),
                unused.count(SIGN_IN_PACKAGES.get(2))));
        out.append(String.format(Locale.ROOT, "| the same for one sign-in (first /login, then its callback) with "
                        + "browser sign-in configured | %d / %d / %d / %d | |%n", used.total(),
                used.count(SIGN_IN_PACKAGES.get(0)), used.count(SIGN_IN_PACKAGES.get(1)),
                used.count(SIGN_IN_PACKAGES.get(2))));
        Rows.ratioHeader(out);
        Rows.ratio(out, ColdRatio.SIGN_IN_CODE, samples);
        Rows.ratio(out, ColdRatio.SIGN_IN_LOGIN, samples);
        for (ColdRatio ratio : List.of(ColdRatio.IMAGE_SIGN_IN_LOGIN, ColdRatio.IMAGE_FIRST_CALLBACK,
                ColdRatio.IMAGE_BEARER)) {
            if (ratio.measured(samples)) {
                Rows.ratio(out, ratio, samples);
            }
        }
        out.append(String.format("%nWith sign-in off, of the function's own sign-in classes only %s load: the "
                + "configuration asks whether sign-in is set, and the request path's code names the others.%n",
                names()));
        return out.toString();
    }

    /** One line for the README. */
    String readme() {
        String image = !ColdRatio.IMAGE_FIRST_CALLBACK.measured(samples) ? "" : String.format(Locale.ROOT,
                " As the container image the first callback after init takes %.0f ms (%s the zip's, per round) and "
                        + "a first bearer-token login, a person's first sign-in through STS, %.0f ms (%s).",
                samples.median("imageSignInFirstCallback"), Rows.times(ColdRatio.IMAGE_FIRST_CALLBACK, samples),
                samples.median("imageSignInBearer"), Rows.times(ColdRatio.IMAGE_BEARER, samples));
        return String.format(Locale.ROOT, "- **Browser sign-in**: the callback → 302 into Airflow takes %.1f ms warm "
                        + "(p50; the local provider's token endpoint alone %.1f ms) and %.0f ms as the first after "
                        + "init; a cold function answers its first /login (a 302 to the provider) in %.0f ms and a "
                        + "first bearer-token login in %.0f ms (%.0f ms for /login without sign-in, all under Lambda's "
                        + "runtime client). With sign-in off, %d classes of `dev.mwaalogin.oidc`, `com.nimbusds` and "
                        + "the Secrets Manager client load, and a cold /login takes %.0f ms with the sign-in code in "
                        + "the artifact against %.0f ms without it (%s, target ≤ %.2f).%s%n",
                samples.median("signInWarmCallback"), samples.median("providerToken"),
                samples.median("signInFirstCallback"),
                samples.median("signInLogin"), samples.median("signInBearer"), samples.median("cold"),
                signInClassesWhenOff(), samples.median("own"), samples.median("ownWithoutSignIn"),
                Rows.times(ColdRatio.SIGN_IN_CODE, samples), UNUSED_TARGET, image);
    }

    private String names() {
        List<String> own = new java.util.ArrayList<>(unused.named("dev.mwaalogin.signin."));
        return own.isEmpty() ? "none" : "`" + String.join("`, `", own) + "`";
    }
}

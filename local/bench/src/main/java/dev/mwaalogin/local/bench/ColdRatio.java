package dev.mwaalogin.local.bench;

import java.util.List;
import java.util.Locale;

/**
 * A ratio of two cold rows as the report publishes it: the median of the per-round ratios of two runs made one right
 * after the other in every round ({@link ColdRows}), with the middle half of those ratios beside it. A ratio of two
 * medians would pair a fast moment of one row with a slow moment of the other; per-round ratios pair the runs that
 * met the same moment of the machine.
 *
 * @param label          what the table calls it
 * @param numerator      the sample divided
 * @param denominator    the sample it is divided by
 * @param target         e.g. {@code ≤ 1.00}, or empty
 * @param numeratorRun   the run (a {@link ColdRows} name) that recorded the numerator, to check it ran next to
 * @param denominatorRun the one that recorded the denominator
 */
record ColdRatio(String label, String numerator, String denominator, String target, String numeratorRun,
                 String denominatorRun) {

    /** A ratio of two runs' main figures (their names are the runs' names). */
    ColdRatio(String label, String numerator, String denominator, String target) {
        this(label, numerator, denominator, target, numerator, denominator);
    }

    // The zip's own path against what people run instead, and the floor (BENCHMARKS.md's first ratio table).
    static final ColdRatio ZIP_BOTO3 = new ColdRatio("cold, zip / boto3 script", "own" + ColdRows.SECOND, "boto3",
            "≤ 1.00");
    static final ColdRatio ZIP_CLI = new ColdRatio("cold, zip / aws CLI", "own" + ColdRows.THIRD, "cli", "≤ 0.67");
    static final ColdRatio ZIP_FLOOR = new ColdRatio("cold, zip / bare JVM", "own" + ColdRows.SECOND, "floor", "");
    static final ColdRatio IMAGE_BOTO3 = new ColdRatio("**cold, image / boto3 script**", "image", "boto3", "≤ 0.60");
    static final ColdRatio IMAGE_CLI = new ColdRatio("**cold, image / aws CLI**", "image", "cli", "≤ 0.40");
    static final ColdRatio IMAGE_ZIP = new ColdRatio("cold, image / zip under the runtime client",
            "image" + ColdRows.SECOND, "cold" + ColdRows.SECOND, "");
    static final ColdRatio JAVA25_JAVA21 = new ColdRatio("cold, zip under the runtime client: java25 model / java21 "
            + "model", "zip25", "cold" + ColdRows.SECOND, "");
    static final ColdRatio JAVA25_FUNCTION_CACHE = new ColdRatio("experiment: java25 model with the function's "
            + "classes in the cache / as the managed runtime ships it", "zip25Trained", "zip25", "");
    static final ColdRatio IMAGE_FLOOR = new ColdRatio("cold, image / its floor (the image's JVM, AOT cache and "
            + "runtime client with an empty handler)", "image" + ColdRows.SECOND, "imageFloor", "");
    static final ColdRatio IMAGE_BOTO3_ONE_CPU = new ColdRatio("cold, image / boto3 script, both held to one CPU "
            + "(as a function of up to 1,769 MB gets at most one vCPU)", "imageOneCpu", "boto3OneCpu", "");
    // The groups' own ratios.
    static final ColdRatio PER_PERSON = new ColdRatio("cold, per person / shared identity", "mapped", "own", "");
    static final ColdRatio SIGN_IN_CODE = new ColdRatio("**default configuration's cold /login: sign-in code present "
            + "/ taken out**", "own", "ownWithoutSignIn", String.format(Locale.ROOT, "≤ %.2f",
            SignInRows.UNUSED_TARGET));
    static final ColdRatio SIGN_IN_LOGIN = new ColdRatio("cold, sign-in configured, first /login / default "
            + "configuration's (runtime client)", "signInLogin", "cold", "");
    static final ColdRatio IMAGE_SIGN_IN_LOGIN = new ColdRatio("cold, sign-in configured, first /login: image / "
            + "zip (runtime client)", "imageSignInLogin", "signInLogin", "");
    static final ColdRatio IMAGE_FIRST_CALLBACK = new ColdRatio("first callback after init (code exchange, ID token, "
            + "STS, MWAA): image / zip", "imageSignInFirstCallback", "signInFirstCallback", "", "imageSignInLogin",
            "signInLogin");
    static final ColdRatio IMAGE_BEARER = new ColdRatio("cold, first bearer login (per person: STS, then MWAA): "
            + "image / zip", "imageSignInBearer", "signInBearer", "");
    static final ColdRatio TYPED = new ColdRatio("cold, typed handler / stream handler", "typed", "cold", "");
    static final ColdRatio TYPED_INVOKE = new ColdRatio("first invoke, typed handler / stream handler",
            "typedInvoke", "invoke", "", "typed", "cold");

    /** Every ratio a report may publish, for the check that each one's runs are neighbours. */
    static final List<ColdRatio> ALL = List.of(ZIP_BOTO3, ZIP_CLI, ZIP_FLOOR, IMAGE_BOTO3, IMAGE_CLI, IMAGE_ZIP,
            JAVA25_JAVA21, JAVA25_FUNCTION_CACHE, IMAGE_FLOOR, IMAGE_BOTO3_ONE_CPU, PER_PERSON, SIGN_IN_CODE, SIGN_IN_LOGIN,
            IMAGE_SIGN_IN_LOGIN, IMAGE_FIRST_CALLBACK, IMAGE_BEARER, TYPED, TYPED_INVOKE);

    /** The per-round ratios. */
    Stats of(Samples samples) {
        return samples.ratios(numerator, denominator);
    }

    /** Whether both runs were measured in this run. */
    boolean measured(Samples samples) {
        return samples.has(numerator) && samples.has(denominator);
    }
}

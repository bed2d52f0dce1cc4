package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Per-person identity written up: the cold path with a role mapping against today's shared identity, and
 * warm, a person whose STS session is cached (a hit) and a new person (a miss) against today's warm handler and one
 * plain MWAA call.
 */
final class IdentityRows {

    static final double HIT_TARGET = 1.10;
    static final double MISS_TARGET = 2.20;

    private final Samples samples;
    private final JsonNode warm;

    IdentityRows(Samples samples, JsonNode warm) {
        this.samples = samples;
        this.warm = warm;
    }

    /** The median of the per-round ratios: per person over the shared identity, run back to back. */
    double coldRatio() {
        return ColdRatio.PER_PERSON.of(samples).median();
    }

    double hitRatio() {
        return Rows.warmMs(warm, "mappedHit", "p50") / Rows.warmMs(warm, "handler", "p50");
    }

    double missRatio() {
        return Rows.warmMs(warm, "mappedMiss", "p50") / Rows.warmMs(warm, "rawSdk", "p50");
    }

    String table() {
        StringBuilder out = new StringBuilder();
        Rows.heading(out, "Per-person identity (`ROLE_MAPPING`)");
        Rows.row(out, "cold, zip: init and one GET /login with an IAM caller, shared identity (today's default)",
                samples.stats("own"), "ms");
        Rows.row(out, "cold, zip: the same with `ROLE_MAPPING` and `AIRFLOW_ROLE_ARNS` (STS AssumeRole, then the "
                + "token with the person's session)", samples.stats("mapped"), "ms");
        Rows.warm(out, "warm: handler, shared identity (today's warm path)", warm, "handler");
        Rows.warm(out, "warm: raw SDK createWebLoginToken (one MWAA call)", warm, "rawSdk");
        Rows.warm(out, "warm: per person, the person's session cached (hit)", warm, "mappedHit");
        Rows.warm(out, "warm: per person, a new person each time (miss: AssumeRole, then the token)", warm,
                "mappedMiss");
        Rows.warm(out, "warm: raw SDK assumeRole for a new session (one STS call)", warm, "rawAssumeRole");
        Rows.ratioHeader(out);
        Rows.ratio(out, ColdRatio.PER_PERSON, samples);
        Rows.ratio(out, "**warm hit / today's warm handler (p50)**", hitRatio(), target(HIT_TARGET));
        Rows.ratio(out, "**warm miss / one MWAA call (p50)**", missRatio(), target(MISS_TARGET));
        Rows.ratio(out, "warm miss / (one STS call + one MWAA call) (p50)", Rows.warmMs(warm, "mappedMiss", "p50")
                / (Rows.warmMs(warm, "rawAssumeRole", "p50") + Rows.warmMs(warm, "rawSdk", "p50")), "");
        return out.toString();
    }

    /** One line for the README. */
    String readme() {
        return String.format(Locale.ROOT, "- **Per-person identity** (`ROLE_MAPPING`): a cold login takes %.0f ms "
                        + "(%.0f ms with the shared identity, %s); warm (p50), %.2f ms when the person's STS "
                        + "session is cached (**%.2f×** today's warm path, target %s) and %.2f ms for a new person "
                        + "(**%.2f×** one MWAA call, target %s).%n", samples.median("mapped"), samples.median("own"),
                Rows.times(ColdRatio.PER_PERSON, samples), Rows.warmMs(warm, "mappedHit", "p50"), hitRatio(),
                target(HIT_TARGET),
                Rows.warmMs(warm, "mappedMiss", "p50"), missRatio(), target(MISS_TARGET));
    }

    private static String target(double value) {
        return String.format(Locale.ROOT, "≤ %.2f", value);
    }
}

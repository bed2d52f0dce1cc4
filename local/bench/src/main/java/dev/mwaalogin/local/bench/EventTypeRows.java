package dev.mwaalogin.local.bench;

import java.util.Locale;

/**
 * Event types written up: the cold path under the runtime client with the function's own reader filling
 * {@code APIGatewayV2HTTPEvent} from the stream (today) against a typed handler whose event the runtime's reflective
 * mapping fills ({@link TypedHttpApiHandler}).
 */
record EventTypeRows(Samples samples) {

    /** The median of the per-round ratios of the typed handler over today's, run back to back. */
    double ratio() {
        return ColdRatio.TYPED.of(samples).median();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        Rows.heading(out, "Event types");
        Rows.row(out, "cold under the runtime client, stream handler: the function's reader fills "
                + "`APIGatewayV2HTTPEvent` (today)", samples.stats("cold"), "ms");
        Rows.row(out, "&nbsp;&nbsp;of which init", samples.stats("init"), "ms");
        Rows.row(out, "&nbsp;&nbsp;of which the first invoke", samples.stats("invoke"), "ms");
        Rows.row(out, "cold under the runtime client, typed handler: the runtime's own mapping fills it (and needs "
                + "joda-time)", samples.stats("typed"), "ms");
        Rows.row(out, "&nbsp;&nbsp;of which init", samples.stats("typedInit"), "ms");
        Rows.row(out, "&nbsp;&nbsp;of which the first invoke", samples.stats("typedInvoke"), "ms");
        Rows.ratioHeader(out);
        Rows.ratio(out, ColdRatio.TYPED, samples);
        Rows.ratio(out, ColdRatio.TYPED_INVOKE, samples);
        return out.toString();
    }

    /** One line for the README. */
    String readme() {
        return String.format(Locale.ROOT, "- **Event types**: under Lambda's runtime client a cold login takes %.0f "
                + "ms with the function's own event reader and %.0f ms when the runtime maps the event to the typed "
                + "handler's `APIGatewayV2HTTPEvent` (%s).%n", samples.median("cold"),
                samples.median("typed"), Rows.times(ColdRatio.TYPED, samples));
    }
}

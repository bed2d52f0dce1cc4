package dev.mwaalogin.internal;

import java.util.Locale;

/**
 * Decides from an {@code Accept} header whether the caller prefers JSON or an HTML page (RFC 9110 section 12.5.1).
 *
 * <p>Each of the two types gets the quality of the most specific media range that matches it; the higher quality
 * wins; at equal quality a type named outright beats one reached only through a wildcard, and a full tie is no
 * preference. A browser's {@code text/html,...,*}{@code /*;q=0.8} prefers HTML; curl's {@code *}{@code /*} prefers
 * nothing; {@code application/json} prefers JSON, and so does axios' default
 * {@code application/json, text/plain, *}{@code /*}, which reaches HTML only through its wildcard. Malformed ranges
 * are skipped.
 */
public final class AcceptHeader {

    /** What the caller prefers. */
    public enum Preference { JSON, HTML, NONE }

    // Bounds the work a hostile header can cause; real Accept headers have a handful of ranges.
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_RANGES = 64;

    private AcceptHeader() {
    }

    public static Preference preference(String accept) {
        if (accept == null || accept.isBlank() || accept.length() > MAX_LENGTH) {
            return Preference.NONE;
        }
        Match json = new Match();
        Match html = new Match();
        String[] ranges = accept.split(",", MAX_RANGES + 1);
        for (int i = 0; i < Math.min(ranges.length, MAX_RANGES); i++) {
            String[] parts = ranges[i].split(";", -1);
            String range = parts[0].trim().toLowerCase(Locale.ROOT);
            int quality = quality(parts);
            if (quality < 0) {
                continue;
            }
            json.offer(specificity(range, "application/json", "application/*"), quality);
            html.offer(specificity(range, "text/html", "text/*"), quality);
        }
        int order = Integer.compare(json.quality(), html.quality());
        if (order == 0 && json.quality() > 0) {
            order = Integer.compare(json.specificity, html.specificity);
        }
        return order > 0 ? Preference.JSON : order < 0 ? Preference.HTML : Preference.NONE;
    }

    /** 3 for an exact match, 2 for type/*, 1 for *}{@code /*, 0 for no match. */
    private static int specificity(String range, String exact, String anySubtype) {
        if (range.equals(exact)) {
            return 3;
        }
        if (range.equals(anySubtype)) {
            return 2;
        }
        return range.equals("*/*") ? 1 : 0;
    }

    /**
     * The q parameter in thousandths, 1000 when absent, -1 when malformed: RFC 9110's {@code qvalue}, "0" or "1"
     * with up to three decimals (at most "1.000"), and no space around its '='.
     */
    private static int quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                continue;
            }
            return equals == 1 ? thousandths(parameter.substring(equals + 1)) : -1;
        }
        return 1000;
    }

    private static int thousandths(String qvalue) {
        int length = qvalue.length();
        if (length == 0 || length > 5 || (qvalue.charAt(0) != '0' && qvalue.charAt(0) != '1')
                || (length > 1 && qvalue.charAt(1) != '.')) {
            return -1;
        }
        int value = (qvalue.charAt(0) - '0') * 1000;
        int scale = 100;
        for (int i = 2; i < length; i++, scale /= 10) {
            char digit = qvalue.charAt(i);
            if (digit < '0' || digit > '9' || (value == 1000 && digit != '0')) {
                return -1;
            }
            value += (digit - '0') * scale;
        }
        return value;
    }

    /** The quality of the most specific range seen so far for one media type. */
    private static final class Match {
        private int specificity;
        private int quality;

        void offer(int rangeSpecificity, int rangeQuality) {
            if (rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = rangeQuality;
            }
        }

        int quality() {
            return quality;
        }
    }
}

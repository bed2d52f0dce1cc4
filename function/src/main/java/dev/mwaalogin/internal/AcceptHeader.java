package dev.mwaalogin.internal;

import java.util.Locale;
import java.util.regex.Pattern;

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
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

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
            double quality = quality(parts);
            if (quality < 0) {
                continue;
            }
            json.offer(specificity(range, "application", "json"), quality);
            html.offer(specificity(range, "text", "html"), quality);
        }
        int order = Double.compare(json.quality(), html.quality());
        if (order == 0 && json.quality() > 0) {
            order = Integer.compare(json.specificity, html.specificity);
        }
        return order > 0 ? Preference.JSON : order < 0 ? Preference.HTML : Preference.NONE;
    }

    /** 3 for an exact match, 2 for type/*, 1 for *}{@code /*, 0 for no match. */
    private static int specificity(String range, String type, String subtype) {
        if (range.equals(type + "/" + subtype)) {
            return 3;
        }
        if (range.equals(type + "/*")) {
            return 2;
        }
        return range.equals("*/*") ? 1 : 0;
    }

    /** The q parameter, 1 when absent, -1 when malformed (RFC 9110 allows no space around its '='). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                continue;
            }
            String value = parameter.substring(equals + 1);
            if (equals != 1 || !QVALUE.matcher(value).matches()) {
                return -1;
            }
            return Double.parseDouble(value);
        }
        return 1;
    }

    /** The quality of the most specific range seen so far for one media type. */
    private static final class Match {
        private int specificity;
        private double quality;

        void offer(int rangeSpecificity, double rangeQuality) {
            if (rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = rangeQuality;
            }
        }

        double quality() {
            return quality;
        }
    }
}

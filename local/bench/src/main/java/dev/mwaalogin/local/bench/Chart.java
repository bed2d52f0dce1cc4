package dev.mwaalogin.local.bench;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart as SVG: one bar per contender at its median, a whisker from its fastest to slowest run. */
final class Chart {

    /** One bar. */
    record Bar(String label, Stats stats, String color) {
    }

    private Chart() {
    }

    static String svg(String title, List<Bar> bars) {
        double max = bars.stream().mapToDouble(b -> b.stats().max()).max().orElse(1);
        int width = 900;
        int left = 320;
        int plot = width - left - 90;
        int rowHeight = 42;
        int top = 48;
        int height = top + rowHeight * bars.size() + 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"13\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"26\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                width, height, width, height, 16, escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * rowHeight;
            double median = bar.stats().median();
            double barWidth = plot * median / max;
            double low = left + plot * bar.stats().min() / max;
            double high = left + plot * bar.stats().max() / max;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>%n"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-width=\"1.5\"/>%n"
                            + "<text x=\"%.1f\" y=\"%d\">%.0f ms</text>%n",
                    left - 10, y + 16, escape(bar.label()), left, y, barWidth, bar.color(), low, y + 11, high, y + 11,
                    Math.max(high, left + barWidth) + 8, y + 16, median));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">bar: median; line: fastest to "
                + "slowest run</text>%n</svg>%n", left, height - 14));
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

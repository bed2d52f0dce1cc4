package dev.mwaalogin.local.emulator;

/**
 * Just enough XML for STS's query-protocol answers: nested elements with escaped text, written in order.
 *
 * <pre>{@code
 * new MiniXml().open("A", NS).leaf("B", "x & y").close("A").toString()
 *   // <A xmlns="..."><B>x &amp; y</B></A>
 * }</pre>
 */
final class MiniXml {

    private final StringBuilder out = new StringBuilder();

    MiniXml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    MiniXml open(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    MiniXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element holding only text. */
    MiniXml leaf(String name, String text) {
        return open(name).text(text).close(name);
    }

    private MiniXml text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Escapes the five characters XML reserves, so no value can open or close an element. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

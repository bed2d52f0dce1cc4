package dev.mwaalogin.home;

import dev.mwaalogin.internal.Json;
import java.util.List;

/**
 * The environments a person may open, each with its Airflow version and the role they would get, as the page at
 * {@code /} shows them: plain HTML with one link each into Airflow ({@code /login/{environment}}), no script, or the
 * same list as JSON for scripts.
 *
 * @param person  who is signed in, as the caller's source vouched for them; null for the shared identity
 * @param entries the environments they may open, the default first
 */
public record HomePage(String person, List<Entry> entries) {

    /** The page's own policy: no script, no frame, nothing loaded but its inline style. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    public HomePage {
        entries = List.copyOf(entries);
    }

    /**
     * One environment.
     *
     * @param environment a valid, allowed environment name
     * @param airflow     its Airflow major version ({@code 2}, {@code 3}), or {@code configured} when one login page
     *                    is set for all
     * @param role        the Airflow role the person would get there
     */
    public record Entry(String environment, String airflow, String role) {
    }

    /** The list as JSON: {@code {"person", "environments":[{"environment","airflowVersion","airflowRole","url"}]}}. */
    public String json() {
        StringBuilder list = new StringBuilder("[");
        for (Entry entry : entries) {
            list.append(list.length() > 1 ? "," : "").append(new Json()
                    .field("environment", entry.environment())
                    .field("airflowVersion", entry.airflow())
                    .field("airflowRole", entry.role())
                    .field("url", "/login/" + entry.environment()));
        }
        return new Json().field("person", person).raw("environments", list.append(']').toString()).toString();
    }

    /** The page: a heading, whom it is for, a list of links. Every value is escaped, even names MWAA validated. */
    public String html() {
        StringBuilder page = new StringBuilder(1024).append("<!doctype html><html lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Your Airflow environments</title><style>body{font-family:sans-serif;max-width:40em;"
                + "margin:4em auto;padding:0 1em}li{margin:.5em 0}a:focus{outline:3px solid #1a73e8;outline-offset:"
                + "2px}</style></head><body><main><h1>Your Airflow environments</h1>");
        if (person != null) {
            page.append("<p>Signed in as <strong>").append(escape(person)).append("</strong>.</p>");
        }
        page.append("<ul>");
        for (Entry entry : entries) {
            String name = escape(entry.environment());
            page.append("<li><a href=\"/login/").append(name).append("\">").append(name).append("</a> &middot; ")
                    .append(entry.airflow().equals("configured") ? "Airflow" : "Airflow " + escape(entry.airflow()))
                    .append(" &middot; as <strong>").append(escape(entry.role())).append("</strong></li>");
        }
        return page.append("</ul><p><a href=\"/logout\">Sign out</a></p></main></body></html>").toString();
    }

    /** Text for HTML content and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "HomePage[" + entries.size() + " environments]";
    }
}

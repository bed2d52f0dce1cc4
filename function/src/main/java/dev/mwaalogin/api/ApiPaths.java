package dev.mwaalogin.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Airflow REST calls {@code /api} forwards ({@code API_PATHS}): rules {@code METHOD /path}, separated by
 * {@code ;}, each path relative to Airflow's {@code /api/v1} (Airflow 2) or {@code /api/v2} (Airflow 3). A path
 * segment {@code *} stands for exactly one segment (a DAG id, a run id); a last segment {@code **} for any number of
 * segments, none included. Anything no rule allows is refused before MWAA is called.
 *
 * <p>The default reads anything and triggers, clears and pauses DAG runs, the same paths in Airflow 2 and 3:
 * {@value #DEFAULT}. {@code none} forwards nothing.
 */
public final class ApiPaths {

    /** Read anything; trigger a run, clear task instances or a run, pause and unpause a DAG. */
    public static final String DEFAULT = "GET /**;POST /dags/*/dagRuns;POST /dags/*/clearTaskInstances;"
            + "POST /dags/*/dagRuns/*/clear;PATCH /dags/*";

    /** The methods MWAA's InvokeRestApi takes. */
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    static final int MAX_RULES = 50;
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.~:+@-]+");

    private final List<Rule> rules;

    private ApiPaths(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * One rule: {@code method} on paths matching {@code segments}.
     *
     * @param text the rule as configured, e.g. {@code POST /dags/*}{@code /dagRuns}: what the log line names
     */
    public record Rule(String method, List<String> segments, String text) {

        boolean matches(String requestMethod, List<String> path) {
            if (!method.equals(requestMethod)) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (segment.equals("**")) {
                    return true;
                }
                if (i >= path.size() || !(segment.equals("*") || segment.equals(path.get(i)))) {
                    return false;
                }
            }
            return path.size() == segments.size();
        }
    }

    /**
     * Reads {@code API_PATHS}: blank is {@link #DEFAULT}, {@code none} allows nothing.
     *
     * @throws IllegalArgumentException naming {@code API_PATHS} and the rule that is wrong
     */
    public static ApiPaths parse(String value) {
        if (value == null || value.isBlank()) {
            return parse(DEFAULT);
        }
        if (value.trim().equals("none")) {
            return new ApiPaths(List.of());
        }
        List<Rule> rules = new ArrayList<>();
        for (String entry : value.split(";", -1)) {
            String rule = entry.trim();
            if (rule.isEmpty()) {
                continue;
            }
            rules.add(rule(rule));
        }
        if (rules.size() > MAX_RULES) {
            throw invalid("has more than " + MAX_RULES + " rules");
        }
        return new ApiPaths(rules);
    }

    private static Rule rule(String rule) {
        String[] parts = rule.split("\\s+");
        if (parts.length != 2 || !METHODS.contains(parts[0]) || !parts[1].startsWith("/")) {
            throw invalid("rule '" + printable(rule) + "' is not METHOD /path (METHOD one of " + METHODS
                    + "), e.g. POST /dags/*/dagRuns");
        }
        List<String> segments = new ArrayList<>();
        String path = parts[1].substring(1);
        if (!path.isEmpty()) {
            String[] split = path.split("/", -1);
            for (int i = 0; i < split.length; i++) {
                String segment = split[i];
                boolean wildcard = segment.equals("*") || segment.equals("**") && i == split.length - 1;
                if (!wildcard && (!LITERAL.matcher(segment).matches() || segment.equals(".")
                        || segment.equals(".."))) {
                    throw invalid("rule '" + printable(rule) + "': each path segment is a name, * (one segment) "
                            + "or, last, ** (any number of segments)");
                }
                segments.add(segment);
            }
        }
        return new Rule(parts[0], segments, parts[0] + " " + parts[1]);
    }

    /** The first rule that allows {@code method} on {@code path} (segments of a path already checked), if any. */
    public Optional<Rule> allowing(String method, List<String> path) {
        for (Rule rule : rules) {
            if (rule.matches(method, path)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public List<Rule> rules() {
        return rules;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? cut : "(not printable)";
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("API_PATHS " + problem);
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "ApiPaths[none]" : "ApiPaths" + rules.stream().map(Rule::text).toList();
    }
}

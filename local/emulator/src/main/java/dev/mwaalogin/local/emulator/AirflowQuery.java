package dev.mwaalogin.local.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An Airflow REST API call's query parameters, read as Airflow reads them (and refused as it refuses them). */
final class AirflowQuery {

    /** Airflow's {@code [api] maximum_page_limit} default: a larger {@code limit} is lowered to it. */
    static final int MAXIMUM_PAGE_LIMIT = 100;

    private final Map<String, List<String>> values;

    AirflowQuery(Map<String, List<String>> values) {
        this.values = Map.copyOf(values);
    }

    /** Airflow 2's strict validation: a parameter the endpoint does not define is a 400. */
    void requireKnown(Set<String> known) throws AirflowError {
        Set<String> extra = new TreeSet<>(values.keySet());
        extra.removeAll(known);
        if (!extra.isEmpty()) {
            throw AirflowError.of(400, "Bad Request", "Extra query parameter(s) " + String.join(", ", extra)
                    + " not in spec");
        }
    }

    Optional<String> first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A whole number of at least {@code minimum}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int minimum) throws AirflowError {
        Optional<String> text = first(name);
        if (text.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.get().strip());
        } catch (NumberFormatException e) {
            throw AirflowError.invalid("query", name, AirflowError.Kind.NOT_INTEGER);
        }
        if (value < minimum) {
            throw AirflowError.invalid("query", name, AirflowError.Kind.TOO_SMALL);
        }
        return value;
    }

    /** {@code limit}, lowered to {@link #MAXIMUM_PAGE_LIMIT} as Airflow does. */
    int limit(int minimum) throws AirflowError {
        return Math.min(integer("limit", MAXIMUM_PAGE_LIMIT, minimum), MAXIMUM_PAGE_LIMIT);
    }

    int offset() throws AirflowError {
        return integer("offset", 0, 0);
    }

    Optional<Boolean> bool(String name) throws AirflowError {
        Optional<String> text = first(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parseBoolean(text.get()).orElseThrow(
                () -> AirflowError.invalid("query", name, AirflowError.Kind.NOT_BOOLEAN)));
    }

    /** {@code true}/{@code false} in any case, as both Airflows take them. */
    static Optional<Boolean> parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** One page of a list: {@code offset} items skipped, at most {@code limit} kept. */
    static <T> List<T> page(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
    }
}

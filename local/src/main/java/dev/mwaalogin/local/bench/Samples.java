package dev.mwaalogin.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named samples of one benchmark run. */
final class Samples {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(String name, double value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Stats stats(String name) {
        return Stats.of(values.get(name));
    }

    double median(String name) {
        return stats(name).median();
    }
}

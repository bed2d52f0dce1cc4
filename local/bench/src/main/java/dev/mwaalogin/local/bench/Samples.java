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

    /**
     * Every sample as JSON, {@code {"own":[1031.2, ...], ...}}, in the order taken: what a run measured, kept beside
     * its tables so that its statistics can be checked or computed again.
     */
    String toJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * The per-round ratios {@code numerator[i] / denominator[i]}: both contenders ran in every round, one right after
     * the other, so each ratio meets one moment of the machine, and their spread says how far a rerun may move the
     * median ratio (which a ratio of two medians hides).
     *
     * @throws IllegalArgumentException when the two were not measured in the same rounds
     */
    Stats ratios(String numerator, String denominator) {
        List<Double> top = sameRounds(numerator, denominator);
        List<Double> bottom = values.get(denominator);
        List<Double> ratios = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            ratios.add(top.get(i) / bottom.get(i));
        }
        return Stats.of(ratios);
    }

    /**
     * The per-round differences {@code minuend[i] - subtrahend[i]}, for two runs made one right after the other: what
     * one adds to the other, each round's pair meeting one moment of the machine.
     *
     * @throws IllegalArgumentException when the two were not measured in the same rounds
     */
    Stats differences(String minuend, String subtrahend) {
        List<Double> top = sameRounds(minuend, subtrahend);
        List<Double> bottom = values.get(subtrahend);
        List<Double> differences = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            differences.add(top.get(i) - bottom.get(i));
        }
        return Stats.of(differences);
    }

    private List<Double> sameRounds(String first, String second) {
        List<Double> top = values.get(first);
        List<Double> bottom = values.get(second);
        if (top == null || bottom == null || top.size() != bottom.size()) {
            throw new IllegalArgumentException(first + " and " + second + " were not measured in the same rounds");
        }
        return top;
    }
}

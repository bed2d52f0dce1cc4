package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an embedded-metric-format log line as CloudWatch does (the EMF specification's rules: a root {@code _aws}
 * with a millisecond {@code Timestamp} and {@code CloudWatchMetrics} directives; each directive a {@code Namespace},
 * {@code Dimensions} as arrays of at most 30 names of root string members, {@code Metrics} naming root number
 * members with a valid unit), failing on anything CloudWatch would reject, and returns the data points it extracts.
 */
final class EmbeddedMetrics {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    /** One data point CloudWatch would store. */
    record DataPoint(String namespace, String metric, Map<String, String> dimensions, double value, String unit) {
    }

    private EmbeddedMetrics() {
    }

    static List<DataPoint> read(String line) {
        Map<String, Object> root = JsonReader.object(JsonReader.parse(line));
        Map<String, Object> aws = JsonReader.object(root, "_aws");
        assertTrue(aws.get("Timestamp") instanceof JsonReader.JsonNumber, "_aws.Timestamp: " + line);
        long timestamp = Long.parseLong(((JsonReader.JsonNumber) aws.get("Timestamp")).text());
        assertTrue(timestamp > 1_500_000_000_000L, "Timestamp in milliseconds since the epoch: " + timestamp);
        List<Object> directives = JsonReader.array(aws.get("CloudWatchMetrics"));
        assertTrue(directives != null && !directives.isEmpty(), "CloudWatchMetrics: " + line);
        List<DataPoint> points = new ArrayList<>();
        for (Object directive : directives) {
            String namespace = JsonReader.text(directive, "Namespace");
            assertTrue(namespace != null && !namespace.isEmpty() && namespace.length() <= 255
                    && !namespace.startsWith("AWS/"), "Namespace: " + namespace);
            List<Object> dimensionSets = JsonReader.array(JsonReader.object(directive).get("Dimensions"));
            List<Object> metrics = JsonReader.array(JsonReader.object(directive).get("Metrics"));
            assertTrue(dimensionSets != null && metrics != null && !metrics.isEmpty() && metrics.size() <= 100,
                    "Dimensions and Metrics: " + line);
            for (Object set : dimensionSets) {
                List<Object> names = JsonReader.array(set);
                assertTrue(names != null && names.size() <= 30, "a dimension set: " + set);
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (Object name : names) {
                    Object value = root.get((String) name);
                    assertTrue(value instanceof String && !((String) value).isEmpty()
                            && ((String) value).length() <= 1024, "dimension " + name + " is a root string");
                    dimensions.put((String) name, (String) value);
                }
                Set<String> seen = new HashSet<>();
                for (Object metric : metrics) {
                    String name = JsonReader.text(metric, "Name");
                    String unit = JsonReader.text(metric, "Unit");
                    assertTrue(seen.add(name), "metric named twice: " + name);
                    assertTrue(unit == null || UNITS.contains(unit), "unit " + unit);
                    Object value = root.get(name);
                    assertTrue(value instanceof JsonReader.JsonNumber, "metric " + name + " is a root number");
                    points.add(new DataPoint(namespace, name, dimensions,
                            Double.parseDouble(((JsonReader.JsonNumber) value).text()), unit));
                }
            }
        }
        return points;
    }

    /** The value of one metric under one dimension set, failing unless exactly one such point exists. */
    static double value(List<DataPoint> points, String metric, Map<String, String> dimensions) {
        List<DataPoint> found = points.stream().filter(point -> point.metric().equals(metric)
                && point.dimensions().equals(dimensions)).toList();
        assertEquals(1, found.size(), metric + " " + dimensions + " in " + points);
        return found.get(0).value();
    }
}

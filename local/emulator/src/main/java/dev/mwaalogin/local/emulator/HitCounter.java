package dev.mwaalogin.local.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests to {@code /webtoken/{Name}} per name, rejected ones included. */
final class HitCounter {

    private final Map<String, LongAdder> hits = new ConcurrentHashMap<>();

    void record(String environment) {
        hits.computeIfAbsent(environment, name -> new LongAdder()).increment();
    }

    long count(String environment) {
        LongAdder adder = hits.get(environment);
        return adder == null ? 0 : adder.sum();
    }

    /** Every name that was hit, sorted. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        hits.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }

    void reset() {
        hits.clear();
    }
}

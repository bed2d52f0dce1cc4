package dev.mwaalogin.local.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fault armed for each environment, and how many requests it has hit. One fault per environment: arming
 * another replaces it. Synchronized throughout: requests are few and correctness is the point.
 */
final class FaultBook {

    static final int ALWAYS = -1;

    /** A fault as armed: shared with the {@link ArmedFault} handle so {@code times(n)} can narrow it later. */
    static final class Armed {
        final Fault fault;
        int limit = ALWAYS;
        int used;

        Armed(Fault fault) {
            this.fault = fault;
        }
    }

    private final Map<String, Armed> armed = new HashMap<>();

    synchronized Armed arm(String environment, Fault fault) {
        Armed entry = new Armed(fault);
        armed.put(environment, entry);
        return entry;
    }

    /**
     * Limits an armed fault to the first {@code times} requests after it was armed, counting any it already hit;
     * does nothing if another fault has replaced it since.
     */
    synchronized void limit(String environment, Armed entry, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        entry.limit = times;
        if (entry.used >= times && armed.get(environment) == entry) {
            armed.remove(environment);
        }
    }

    /** The fault the next request to this environment suffers, if any, counting it against the fault's limit. */
    synchronized Optional<Fault> take(String environment) {
        Armed entry = armed.get(environment);
        if (entry == null) {
            return Optional.empty();
        }
        entry.used++;
        if (entry.limit != ALWAYS && entry.used >= entry.limit) {
            armed.remove(environment);
        }
        return Optional.of(entry.fault);
    }

    synchronized void clear(String environment) {
        armed.remove(environment);
    }

    synchronized void clearAll() {
        armed.clear();
    }

    /** The armed fault and how many more requests it will hit ({@link #ALWAYS} for every one). */
    synchronized Optional<Map.Entry<Fault, Integer>> current(String environment) {
        Armed entry = armed.get(environment);
        return entry == null ? Optional.empty()
                : Optional.of(Map.entry(entry.fault, entry.limit == ALWAYS ? ALWAYS : entry.limit - entry.used));
    }
}

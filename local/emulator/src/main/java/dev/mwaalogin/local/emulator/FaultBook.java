package dev.mwaalogin.local.emulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fault armed for each fault target, and how many requests it has hit. The targets are the environments' names
 * (their CreateWebLoginToken calls), {@code restapi:<name>} for each environment's InvokeRestApi calls
 * ({@link MwaaEmulator#restApi(String)}), and one reserved name per other API ({@link MwaaEmulator#STS} and the
 * like), which starts with {@code _}; no MWAA environment name has a {@code _} first or a {@code :}. One fault per
 * target: arming another replaces it. Synchronized throughout: requests are few and correctness is the point.
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

    private final Map<String, Dialect> dialects = new LinkedHashMap<>();
    private final Set<String> restApiTargets = new HashSet<>();
    private final Map<String, Armed> armed = new HashMap<>();

    FaultBook(Set<String> environments) {
        environments.forEach(name -> dialects.put(name, Dialect.MWAA));
        environments.forEach(name -> {
            dialects.put(MwaaEmulator.restApi(name), Dialect.MWAA);
            restApiTargets.add(MwaaEmulator.restApi(name));
        });
        dialects.put(MwaaEmulator.STS, Dialect.STS);
        dialects.put(MwaaEmulator.SECRETS_MANAGER, Dialect.SECRETS_MANAGER);
        dialects.put(MwaaEmulator.GET_ENVIRONMENT, Dialect.MWAA);
    }

    /** The control for a target, or empty when there is no such environment or reserved name. */
    Optional<FaultControl> control(String target) {
        return Optional.ofNullable(dialects.get(target))
                .map(dialect -> new FaultControl(this, target, dialect, restApiTargets.contains(target)));
    }

    /** Every target faults can be armed on, for messages about a name that is not one. */
    Set<String> targets() {
        return dialects.keySet();
    }

    synchronized Armed arm(String target, Fault fault) {
        Armed entry = new Armed(fault);
        armed.put(target, entry);
        return entry;
    }

    /**
     * Limits an armed fault to the first {@code times} requests after it was armed, counting any it already hit;
     * does nothing if another fault has replaced it since.
     */
    synchronized void limit(String target, Armed entry, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        entry.limit = times;
        if (entry.used >= times && armed.get(target) == entry) {
            armed.remove(target);
        }
    }

    /** The fault the next request to this target suffers, if any, counting it against the fault's limit. */
    synchronized Optional<Fault> take(String target) {
        Armed entry = armed.get(target);
        if (entry == null) {
            return Optional.empty();
        }
        entry.used++;
        if (entry.limit != ALWAYS && entry.used >= entry.limit) {
            armed.remove(target);
        }
        return Optional.of(entry.fault);
    }

    synchronized void clear(String target) {
        armed.remove(target);
    }

    synchronized void clearAll() {
        armed.clear();
    }

    /** The armed fault with how many more requests it will hit ({@link #ALWAYS} for every one). */
    synchronized Optional<FaultSpec> current(String target) {
        Armed entry = armed.get(target);
        return entry == null ? Optional.empty()
                : Optional.of(new FaultSpec(entry.fault, entry.limit == ALWAYS ? ALWAYS : entry.limit - entry.used));
    }
}

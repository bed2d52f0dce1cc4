package dev.mwaalogin.local.emulator;

import java.util.Optional;

/**
 * What each AWS endpoint of the emulator does first with a request: count it under its fault target, then let an
 * armed fault replace or delay the answer.
 */
final class FaultGate {

    private final FaultBook faults;
    private final HitCounter hits;
    private final ShutdownSignal shutdown;

    FaultGate(FaultBook faults, HitCounter hits, ShutdownSignal shutdown) {
        this.faults = faults;
        this.hits = hits;
        this.shutdown = shutdown;
    }

    /** The reply an armed fault puts in place of the real answer; empty to answer normally (perhaps late). */
    Optional<Reply> enter(String target, Dialect dialect, HttpRequest request) {
        hits.record(target);
        Optional<Fault> fault = faults.take(target);
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        if (fault.get() instanceof Fault.Latency latency) {
            shutdown.pause(latency.delay());
            return Optional.empty();
        }
        if (fault.get() instanceof Fault.ErrorStatus error) {
            return Optional.of(dialect.error(error.status(), error.errorType(), error.message(), request.id()));
        }
        if (fault.get() instanceof Fault.Hang hang) {
            return Optional.of(new Reply.HoldConnection(hang.duration()));
        }
        if (fault.get() instanceof Fault.MalformedJson) {
            return Optional.of(dialect.truncatedAnswer());
        }
        return Optional.of(new Reply.ResetConnection());
    }
}

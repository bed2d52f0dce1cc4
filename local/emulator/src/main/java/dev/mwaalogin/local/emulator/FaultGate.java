package dev.mwaalogin.local.emulator;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What each AWS endpoint of the emulator does first with a request: count it under its fault target, then let an
 * armed fault replace or delay the answer.
 */
final class FaultGate {

    /**
     * What the armed fault, if any, does to one request.
     *
     * @param reply         the reply it puts in place of the real answer; empty to answer normally (perhaps late)
     * @param airflowStatus the status the environment's Airflow answers instead (InvokeRestApi targets only)
     */
    record Admission(Optional<Reply> reply, OptionalInt airflowStatus) {

        static final Admission PROCEED = new Admission(Optional.empty(), OptionalInt.empty());

        static Admission replacedBy(Reply reply) {
            return new Admission(Optional.of(reply), OptionalInt.empty());
        }
    }

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
        return admit(target, dialect, request).reply();
    }

    /** Counts the request and says what the armed fault, if any, does to it. */
    Admission admit(String target, Dialect dialect, HttpRequest request) {
        hits.record(target);
        Optional<Fault> fault = faults.take(target);
        if (fault.isEmpty()) {
            return Admission.PROCEED;
        }
        if (fault.get() instanceof Fault.Latency latency) {
            shutdown.pause(latency.delay());
            return Admission.PROCEED;
        }
        if (fault.get() instanceof Fault.AirflowStatus airflow) {
            return new Admission(Optional.empty(), OptionalInt.of(airflow.status()));
        }
        if (fault.get() instanceof Fault.ErrorStatus error) {
            return Admission.replacedBy(dialect.error(error.status(), error.errorType(), error.message(),
                    request.id()));
        }
        if (fault.get() instanceof Fault.Hang hang) {
            return Admission.replacedBy(new Reply.HoldConnection(hang.duration()));
        }
        if (fault.get() instanceof Fault.MalformedJson) {
            return Admission.replacedBy(dialect.truncatedAnswer());
        }
        return Admission.replacedBy(new Reply.ResetConnection());
    }
}

package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Optional;

/**
 * Arms and clears the fault for one fault target, from Java: an environment's CreateWebLoginToken calls, its
 * InvokeRestApi calls ({@link MwaaEmulator#restApi(String)}), or every call to STS, Secrets Manager or MWAA's
 * GetEnvironment ({@link MwaaEmulator#STS} and the like). Each arming replaces the previous fault and applies to every
 * request of that target until cleared, or to the next n with {@link ArmedFault#times(int)}. Errors take the target's
 * service's shape and names. (People arm the same faults as text, see {@link FaultSpec}.)
 *
 * <pre>{@code
 * emu.faults("demo").status(500).times(2);     // two 500s, then tokens again
 * emu.faults("demo").throttle();               // 429 ThrottlingException until cleared
 * emu.faults(MwaaEmulator.STS).throttle();     // AssumeRole answers 400 Throttling
 * emu.faults(MwaaEmulator.restApi("demo")).airflowStatus(503).once();  // one RestApiServerException (503)
 * emu.faults("demo").clear();
 * }</pre>
 *
 * Faults come before the signature check, as a failing network or service would: a request with a bad signature
 * still suffers them.
 */
public final class FaultControl {

    private final FaultBook book;
    private final String target;
    private final Dialect dialect;
    private final boolean restApi;

    FaultControl(FaultBook book, String target, Dialect dialect, boolean restApi) {
        this.book = book;
        this.target = target;
        this.dialect = dialect;
        this.restApi = restApi;
    }

    /** Waits {@code delay}, then answers normally. */
    public ArmedFault latency(Duration delay) {
        return arm(new Fault.Latency(delay));
    }

    /**
     * Answers {@code status} with the service's usual error type for it. MWAA: 400, 403, 404, 429, 500, 503; STS:
     * 400, 403, 500, 503; Secrets Manager: 400, 404, 500, 503.
     */
    public ArmedFault status(int status) {
        return arm(dialect.statusFault(status));
    }

    /** Answers {@code status} with the given AWS error type, e.g. {@code (502, "BadGateway")}. */
    public ArmedFault status(int status, String errorType) {
        return arm(new Fault.ErrorStatus(status, errorType));
    }

    /**
     * Throttles as the service does: MWAA 429 ThrottlingException, STS 400 Throttling, Secrets Manager 400
     * ThrottlingException; each "Rate exceeded", and each what the AWS SDKs call a throttling exception.
     */
    public ArmedFault throttle() {
        return arm(dialect.throttle());
    }

    /** Resets the TCP connection (RST) without answering. */
    public ArmedFault reset() {
        return arm(new Fault.ResetConnection());
    }

    /** Answers nothing for {@code duration} (released when the emulator closes), then closes the connection. */
    public ArmedFault hang(Duration duration) {
        return arm(new Fault.Hang(duration));
    }

    /** Answers 200 with a truncated, unparseable body (JSON, or XML for STS). */
    public ArmedFault malformedJson() {
        return arm(new Fault.MalformedJson());
    }

    /**
     * InvokeRestApi targets only: MWAA's checks pass, then the environment's Airflow answers {@code status} (4xx or
     * 5xx) with its problem JSON, changing nothing; MWAA reports it as RestApiClientException or
     * RestApiServerException.
     *
     * @throws IllegalArgumentException on any other target
     */
    public ArmedFault airflowStatus(int status) {
        return arm(new Fault.AirflowStatus(status));
    }

    /** Disarms this target's fault. */
    public void clear() {
        book.clear(target);
    }

    /** The armed fault, if any. */
    public Optional<Fault> current() {
        return book.current(target).map(FaultSpec::fault);
    }

    /**
     * Arms a fault written as people write it (see {@link FaultSpec}), for the command line and the admin endpoint.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    ArmedFault arm(String spec) {
        FaultSpec parsed = FaultSpec.parse(spec, dialect);
        ArmedFault armed = arm(parsed.fault());
        return parsed.times() == FaultBook.ALWAYS ? armed : armed.times(parsed.times());
    }

    private ArmedFault arm(Fault fault) {
        if (fault instanceof Fault.AirflowStatus && !restApi) {
            throw new IllegalArgumentException("an airflow fault needs an InvokeRestApi target (restapi:<environment>), "
                    + "not " + target);
        }
        return new ArmedFault(book, target, book.arm(target, fault));
    }
}

package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Optional;

/**
 * Arms and clears the fault for one environment. Each arming replaces the previous fault and applies to every
 * request to that environment until cleared, or to the next n with {@link ArmedFault#times(int)}.
 *
 * <pre>{@code
 * emu.faults("demo").status(500).times(2);  // two 500s, then tokens again
 * emu.faults("demo").throttle();            // 429 ThrottlingException until cleared
 * emu.faults("demo").clear();
 * }</pre>
 *
 * Faults come before the signature check, as a failing network or service would: a request with a bad signature
 * still suffers them.
 */
public final class FaultControl {

    private final FaultBook book;
    private final String environment;

    FaultControl(FaultBook book, String environment) {
        this.book = book;
        this.environment = environment;
    }

    /** Arms any fault. */
    public ArmedFault arm(Fault fault) {
        return new ArmedFault(book, environment, book.arm(environment, fault));
    }

    /** Waits {@code delay}, then answers normally. */
    public ArmedFault latency(Duration delay) {
        return arm(new Fault.Latency(delay));
    }

    /** Answers {@code status} with its MWAA error type: 400, 403, 404, 429, 500 or 503. */
    public ArmedFault status(int status) {
        return arm(Fault.ErrorStatus.of(status));
    }

    /** Answers {@code status} with the given AWS error type, e.g. {@code (502, "BadGateway")}. */
    public ArmedFault status(int status, String errorType) {
        return arm(new Fault.ErrorStatus(status, errorType));
    }

    /** Answers 429 ThrottlingException. */
    public ArmedFault throttle() {
        return status(429);
    }

    /** Resets the TCP connection (RST) without answering. */
    public ArmedFault reset() {
        return arm(new Fault.ResetConnection());
    }

    /** Answers nothing for {@code duration} (released when the emulator closes), then closes the connection. */
    public ArmedFault hang(Duration duration) {
        return arm(new Fault.Hang(duration));
    }

    /** Answers 200 with a truncated, unparseable JSON body. */
    public ArmedFault malformedJson() {
        return arm(new Fault.MalformedJson());
    }

    /** Disarms this environment's fault. */
    public void clear() {
        book.clear(environment);
    }

    /** The armed fault, if any. */
    public Optional<Fault> current() {
        return book.current(environment).map(java.util.Map.Entry::getKey);
    }
}

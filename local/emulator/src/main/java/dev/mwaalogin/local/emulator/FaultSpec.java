package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Locale;

/**
 * A fault as people write it, the same way on the command line ({@code --fault TARGET=SPEC}) and as the body of
 * {@code PUT /_emulator/faults/TARGET}: {@code KIND[:ARG[:ERROR_TYPE]][,times=N]}, durations in milliseconds.
 *
 * <pre>
 * status:503                  the target service's usual type for 503
 * status:502:BadGateway       any status with a named type
 * throttle                    as the service throttles (MWAA 429 ThrottlingException, STS 400 Throttling, ...)
 * latency:1500                answer normally, 1.5 s late
 * hang:60000,times=1          answer nothing for a minute, once
 * reset                       a TCP RST instead of an answer
 * malformed-json              200 with a body cut off mid-way (alias: malformed)
 * airflow:503                 InvokeRestApi targets only: Airflow answers 503, MWAA says RestApiServerException
 * </pre>
 *
 * {@link #toString()} writes the same syntax, with the type a status implies and the requests left as
 * {@code times}, so what the admin endpoint shows can be sent back as is.
 *
 * @param fault the fault
 * @param times how many requests it applies to, or {@link FaultBook#ALWAYS}
 */
record FaultSpec(Fault fault, int times) {

    private static final String KINDS = "latency, status, throttle, reset, hang, malformed-json, airflow";

    /**
     * @param dialect the target service's, for the error type a status or throttling implies
     * @throws IllegalArgumentException naming what is wrong
     */
    static FaultSpec parse(String text, Dialect dialect) {
        if (text.strip().startsWith("{")) {
            throw new IllegalArgumentException("a fault is text such as status:503,times=2, not JSON");
        }
        String[] parts = text.strip().split(",");
        int times = FaultBook.ALWAYS;
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("times=")) {
                throw new IllegalArgumentException("unknown fault option '" + parts[i] + "' (expected times=N)");
            }
            times = number("times", parts[i].substring("times=".length()));
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1: " + times);
            }
        }
        String[] kindAndArgs = parts[0].split(":", 3);
        String argument = kindAndArgs.length > 1 ? kindAndArgs[1] : null;
        String errorType = kindAndArgs.length > 2 ? kindAndArgs[2] : null;
        return new FaultSpec(fault(kindAndArgs[0], argument, errorType, dialect), times);
    }

    private static Fault fault(String kind, String argument, String errorType, Dialect dialect) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "latency" -> new Fault.Latency(Duration.ofMillis(number(kind, argument)));
            case "hang" -> new Fault.Hang(Duration.ofMillis(number(kind, argument)));
            case "status" -> errorType == null ? dialect.statusFault(number(kind, argument))
                    : new Fault.ErrorStatus(number(kind, argument), errorType);
            case "throttle" -> dialect.throttle();
            case "reset" -> new Fault.ResetConnection();
            case "malformed-json", "malformed" -> new Fault.MalformedJson();
            case "airflow" -> new Fault.AirflowStatus(number(kind, argument));
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "' (" + KINDS + ")");
        };
    }

    private static int number(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException("fault '" + what + "' needs a value (milliseconds, or a status)");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " wants a whole number, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        String kind;
        if (fault instanceof Fault.Latency latency) {
            kind = "latency:" + latency.delay().toMillis();
        } else if (fault instanceof Fault.Hang hang) {
            kind = "hang:" + hang.duration().toMillis();
        } else if (fault instanceof Fault.ErrorStatus error) {
            kind = "status:" + error.status() + ":" + error.errorType();
        } else if (fault instanceof Fault.ResetConnection) {
            kind = "reset";
        } else if (fault instanceof Fault.AirflowStatus airflow) {
            kind = "airflow:" + airflow.status();
        } else {
            kind = "malformed-json";
        }
        return times == FaultBook.ALWAYS ? kind : kind + ",times=" + times;
    }
}

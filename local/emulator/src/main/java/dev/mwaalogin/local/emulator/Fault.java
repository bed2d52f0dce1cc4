package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong on purpose for the requests of one fault target (an environment's CreateWebLoginToken or
 * InvokeRestApi, or STS, Secrets Manager or GetEnvironment). Armed through {@link FaultControl}.
 */
public sealed interface Fault {

    /** Waits {@code delay}, then answers as usual. */
    record Latency(Duration delay) implements Fault {
        public Latency {
            requireNonNegative(delay);
        }
    }

    /** Answers with an error status and AWS error type instead of the real answer. */
    record ErrorStatus(int status, String errorType) implements Fault {

        public ErrorStatus {
            Objects.requireNonNull(errorType, "errorType");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
            }
        }

        /** The status with its usual MWAA type; for other statuses use the two-argument constructor. */
        public static ErrorStatus of(int status) {
            return Dialect.MWAA.statusFault(status);
        }

        String message() {
            return switch (errorType) {
                case "ThrottlingException", "Throttling" -> "Rate exceeded";
                case "AccessDeniedException" -> "User is not authorized to perform: airflow:CreateWebLoginToken";
                default -> errorType + " (injected by the MWAA emulator)";
            };
        }
    }

    /** Aborts the TCP connection with a RST before answering. */
    record ResetConnection() implements Fault {
    }

    /** Answers nothing and holds the connection open for {@code duration}, then closes it. */
    record Hang(Duration duration) implements Fault {
        public Hang {
            requireNonNegative(duration);
        }
    }

    /** Answers 200 with a body cut off mid-way: JSON for MWAA and Secrets Manager, XML for STS. */
    record MalformedJson() implements Fault {
    }

    /**
     * InvokeRestApi targets only: MWAA works, but the environment's Airflow answers {@code status} (after MWAA's own
     * checks), which MWAA passes on as RestApiClientException (4xx) or RestApiServerException (5xx).
     */
    record AirflowStatus(int status) implements Fault {
        public AirflowStatus {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an Airflow error status is 4xx or 5xx: " + status);
            }
        }
    }

    private static void requireNonNegative(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or more: " + duration);
        }
    }
}

package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Something going wrong on purpose for requests to one environment. Armed through {@link FaultControl}. */
public sealed interface Fault {

    /** Waits {@code delay}, then answers as usual. */
    record Latency(Duration delay) implements Fault {
        public Latency {
            requireNonNegative(delay);
        }
    }

    /** Answers with an error status and MWAA error type instead of a token. */
    record ErrorStatus(int status, String errorType) implements Fault {

        /** The MWAA error type each status means; AWS SDKs pick the exception class from it. */
        static final Map<Integer, String> TYPE_BY_STATUS = Map.of(
                400, "ValidationException",
                403, "AccessDeniedException",
                404, "ResourceNotFoundException",
                429, "ThrottlingException",
                500, "InternalServerException",
                503, "ServiceUnavailableException");

        public ErrorStatus {
            Objects.requireNonNull(errorType, "errorType");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
            }
        }

        /** The status with its usual MWAA type; for other statuses use the two-argument constructor. */
        public static ErrorStatus of(int status) {
            String type = TYPE_BY_STATUS.get(status);
            if (type == null) {
                throw new IllegalArgumentException("no MWAA error type is implied by status " + status
                        + "; name one (known: " + TYPE_BY_STATUS + ")");
            }
            return new ErrorStatus(status, type);
        }

        String message() {
            return switch (errorType) {
                case "ThrottlingException" -> "Rate exceeded";
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

    /** Answers 200 with a body that is not valid JSON (a response cut off mid-way). */
    record MalformedJson() implements Fault {
    }

    private static void requireNonNegative(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or more: " + duration);
        }
    }
}

package dev.mwaalogin.local.emulator;

/** A request the emulator refuses the way AWS would: an HTTP status, an AWS error type and a message. */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    ApiException(int status, String type, String message) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}

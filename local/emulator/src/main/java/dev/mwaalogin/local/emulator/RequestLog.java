package dev.mwaalogin.local.emulator;

import java.io.PrintStream;

/**
 * One line per request, for people watching the emulator. It prints the method, the path (never the query), the
 * outcome (with the operation for {@code POST /}, whose body says which it is) and the request id: never a header or
 * a body, so no signature, session token, secret or login token can leak.
 */
final class RequestLog {

    private final PrintStream out;

    /** @param out where lines go; null to stay silent */
    RequestLog(PrintStream out) {
        this.out = out;
    }

    void record(HttpRequest request, Reply reply, long millis) {
        if (out == null) {
            return;
        }
        String outcome;
        if (reply instanceof HttpResponse response) {
            outcome = response.operation().map(op -> op + " ").orElse("") + response.status()
                    + response.errorType().map(t -> " " + t).orElse("");
        } else if (reply instanceof Reply.HoldConnection hold) {
            outcome = "held open (fault, up to " + hold.duration().toMillis() + " ms)";
        } else {
            outcome = "connection reset (fault)";
        }
        out.println("[mwaa-emulator] " + request.method() + " " + printable(request.rawPath()) + " -> " + outcome
                + " in " + millis + " ms, request id " + request.id());
    }

    void note(String line) {
        if (out != null) {
            out.println("[mwaa-emulator] " + line);
        }
    }

    /** Keeps a hostile path from forging extra log lines or terminal escapes. */
    private static String printable(String path) {
        StringBuilder safe = new StringBuilder();
        path.codePoints().limit(200).forEach(c -> safe.append(c < 0x20 || c == 0x7f ? '?' : Character.toString(c)));
        return safe.toString();
    }
}

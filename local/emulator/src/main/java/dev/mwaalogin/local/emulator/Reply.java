package dev.mwaalogin.local.emulator;

import java.time.Duration;

/**
 * What the server does with a connection after a request: answer it, or misbehave on purpose. Misbehaving is a
 * reply of its own, not an exception, because a reset or a hang has to reach the server intact.
 */
sealed interface Reply permits HttpResponse, Reply.ResetConnection, Reply.HoldConnection {

    /** Abort the TCP connection with a RST, answering nothing. */
    record ResetConnection() implements Reply {
    }

    /** Answer nothing and keep the connection open for {@code duration} (or until the emulator closes). */
    record HoldConnection(Duration duration) implements Reply {
    }
}

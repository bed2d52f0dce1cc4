package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets every deliberate wait (added latency, a hung connection) end at once when the emulator closes. */
final class ShutdownSignal {

    private final CountDownLatch fired = new CountDownLatch(1);

    void fire() {
        fired.countDown();
    }

    /**
     * Waits for {@code duration} or until the signal fires, whichever is first.
     *
     * @return true when it returned because the emulator is closing
     */
    boolean pause(Duration duration) {
        try {
            return fired.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}

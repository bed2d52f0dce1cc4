package dev.mwaalogin.oidc;

import java.io.IOException;
import java.io.InterruptedIOException;

/** The provider could not be reached, did not answer in time, or said it is failing (a 5xx): try again later. */
public final class ProviderUnreachable extends OidcException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    ProviderUnreachable(String reason, boolean timedOut) {
        super(reason);
        this.timedOut = timedOut;
    }

    /** A failed call, named by what it was for (e.g. {@code Jwks}) and the kind of I/O failure. */
    static ProviderUnreachable of(String call, IOException e) {
        return new ProviderUnreachable(call + ":" + e.getClass().getSimpleName(), e instanceof InterruptedIOException);
    }

    /** True when the caller's deadline ended the wait, false for a refused connection, a DNS failure, a 5xx. */
    public boolean timedOut() {
        return timedOut;
    }
}

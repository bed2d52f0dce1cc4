package dev.mwaalogin.local.emulator;

/**
 * A fault just armed for an environment. It hits every request until cleared, unless narrowed with
 * {@link #times(int)}: {@code emu.faults("demo").status(500).times(2)} fails the next two requests, then the
 * environment answers normally again.
 */
public final class ArmedFault {

    private final FaultBook book;
    private final String environment;
    private final FaultBook.Armed entry;

    ArmedFault(FaultBook book, String environment, FaultBook.Armed entry) {
        this.book = book;
        this.environment = environment;
        this.entry = entry;
    }

    /**
     * Limits this fault to the first {@code n} requests after it was armed (requests it already hit count), after
     * which it disarms itself.
     */
    public ArmedFault times(int n) {
        book.limit(environment, entry, n);
        return this;
    }

    /** Shorthand for {@code times(1)}. */
    public ArmedFault once() {
        return times(1);
    }

    public Fault fault() {
        return entry.fault;
    }
}

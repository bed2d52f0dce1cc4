package dev.mwaalogin.local.bench;

/** The floor of any cold path: a JVM that starts on the function's class path, prints one line and exits. */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) {
        System.out.println("started");
    }
}

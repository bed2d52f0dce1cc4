package dev.mwaalogin.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The cold runs of one round, in the order the round runs them. Every ratio the report publishes ({@link ColdRatio})
 * divides two runs made one right after the other, so that both meet the same moment of a shared machine. A row
 * compared with more than its two neighbours runs again next to the others, under its name and a suffix
 * ({@code own#2}); the table shows each row from its first run, and each ratio uses the runs that were neighbours.
 *
 * <p>One round with every group: the zip's own path between the two rows compared with it (sign-in's code taken
 * out, per-person identity); the baselines around the zip's own path and the image (floor, zip, boto3, image, CLI,
 * zip); then under the runtime client the typed handler, today's, browser sign-in (each sign-in row followed by
 * its image twin); then the java25 rows, the image next to today's again and the image's floor (its JVM, cache and
 * runtime client with an empty handler), then the boto3 script and the image again, each held to one CPU. With {@code -Dbench.against}, each of this build's function rows runs once more right
 * before its earlier build's twin ({@code own#after}, {@code own@before}).
 *
 * @param baselines    boto3, the CLI, the floor, the image and java25 rows
 * @param image        with the baselines: the container image was trained (a JDK 25 is here)
 * @param java25       with the baselines: the managed java25 model's runtime-client cache was trained
 * @param java25Cached with java25: the experiment with the function's classes in that cache too
 * @param cds          with the baselines: the AppCDS experiment's archive was written
 * @param identity     per-person identity
 * @param signIn       browser sign-in
 * @param events       the typed handler
 * @param before       an earlier build is measured too
 */
record ColdRows(boolean baselines, boolean image, boolean java25, boolean java25Cached, boolean cds, boolean identity,
                boolean signIn, boolean events, boolean before) {

    /** Suffixes of a row's further runs in a round, and of an earlier build's twin. */
    static final String SECOND = "#2";
    static final String THIRD = "#3";
    static final String AFTER = "#after";
    static final String BEFORE = "@before";

    /** The runs of one round, in order: each a row's name and, for a further run, its suffix. */
    List<String> order() {
        List<String> order = new ArrayList<>();
        if (signIn) {
            order.add("ownWithoutSignIn");
        }
        order.add("own");
        if (identity) {
            order.add("mapped");
        }
        if (baselines) {
            order.addAll(List.of("floor", "own" + SECOND, "boto3"));
            if (image) {
                order.add("image");
            }
            order.addAll(List.of("cli", "own" + THIRD));
            if (cds) {
                order.add("cds");
            }
            if (image) {
                order.add("imageNoCache");
            }
        }
        if (events) {
            order.add("typed");
        }
        order.add("cold");
        if (signIn) {
            // With the image, each sign-in row's image twin runs right after it: their ratios are per round.
            order.add("signInLogin");
            if (image) {
                order.add("imageSignInLogin");
            }
            order.add("signInBearer");
            if (image) {
                order.add("imageSignInBearer");
            }
        }
        if (baselines && (java25 || image)) {
            if (java25 && java25Cached) {
                order.add("zip25Trained");
            }
            if (java25) {
                order.add("zip25");
            }
            order.add("cold" + SECOND);
            if (image) {
                order.addAll(List.of("image" + SECOND, "imageFloor", "boto3OneCpu", "imageOneCpu"));
            }
        }
        if (before) {
            List<String> twins = new ArrayList<>(List.of("own", "cold"));
            if (identity) {
                twins.add("mapped");
            }
            if (signIn) {
                twins.addAll(List.of("signInLogin", "signInBearer"));
            }
            for (String row : twins) {
                order.add(row + AFTER);
                order.add(row + BEFORE);
            }
        }
        return order;
    }

    /** Whether some run of {@code a} is right before or right after some run of {@code b} in {@link #order()}. */
    boolean adjacent(String a, String b) {
        List<String> order = order();
        for (int i = 0; i + 1 < order.size(); i++) {
            String left = order.get(i);
            String right = order.get(i + 1);
            if (left.equals(a) && right.equals(b) || left.equals(b) && right.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether both runs of the ratio are in the round. */
    boolean runs(ColdRatio ratio) {
        List<String> order = order();
        return order.contains(ratio.numeratorRun()) && order.contains(ratio.denominatorRun());
    }

    /**
     * The ratios among {@code ratios} whose runs are both in the round but not neighbours: a configuration that would
     * publish them is a mistake in {@link #order()}, caught before anything is measured.
     */
    List<ColdRatio> notAdjacent(List<ColdRatio> ratios) {
        return ratios.stream().filter(this::runs)
                .filter(ratio -> !adjacent(ratio.numeratorRun(), ratio.denominatorRun())).toList();
    }

    /** The row of a run: {@code own#2} is a run of {@code own}, {@code own@before} the earlier build's. */
    static String row(String run) {
        int suffix = indexOfSuffix(run);
        return suffix < 0 ? run : run.substring(0, suffix);
    }

    /** The suffix of a run, empty for a row's first run. */
    static String suffix(String run) {
        int suffix = indexOfSuffix(run);
        return suffix < 0 ? "" : run.substring(suffix);
    }

    private static int indexOfSuffix(String run) {
        int hash = run.indexOf('#');
        int at = run.indexOf('@');
        if (hash < 0) {
            return at;
        }
        return at < 0 ? hash : Math.min(hash, at);
    }
}

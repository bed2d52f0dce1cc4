package dev.mwaalogin.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A process held to one CPU with util-linux's {@code taskset}. Lambda gives a function CPU in proportion to its
 * memory, one full vCPU at 1,769 MB and less below it; a JVM's JIT compiler, and any other thread it starts, then
 * takes that CPU from the main thread. This 2-core machine would give them a second core for free, so the rows that
 * compare the image with the boto3 script run both this way too.
 */
final class OneCpu {

    /** The CPU both contenders are held to; any one is as good. */
    static final List<String> PREFIX = List.of("taskset", "--cpu-list", "0");

    private OneCpu() {
    }

    /** {@code command} held to {@link #PREFIX}'s CPU; {@code taskset} execs it, so its process is the command's. */
    static List<String> command(List<String> command) {
        List<String> held = new ArrayList<>(PREFIX);
        held.addAll(command);
        return List.copyOf(held);
    }
}

package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * What one login costs in Lambda's units at the memory sizes people pick, from this run's measurements and a stated
 * model; not a measurement in AWS.
 *
 * <p>The model: Lambda gives a function CPU in proportion to its memory, one vCPU at 1,769 MB (AWS's documentation),
 * so below that a CPU-bound second takes 1769 / memory seconds. The CPU time of a cold start is measured here (every
 * thread of the function's JVM, spawn to answer); at one vCPU it cannot finish sooner than that CPU time, nor sooner
 * than it did here. So a cold start's duration at memory m is modelled as max(wall time here, CPU time × 1769 / m),
 * each round apart, the median of the rounds reported. A warm request's time is taken as all CPU (it is on this
 * machine, where MWAA is a local emulator; in AWS it also waits for MWAA's round trip, which is billed at every size
 * alike and not modelled). Billed duration is rounded up to the millisecond; since 1 August 2025 Lambda bills the
 * INIT phase of on-demand zip functions on managed runtimes too, as it always did for container images, so a cold
 * login is billed init plus its first invoke on both deployments. The price is x86's first tier in US East
 * (N. Virginia), per GB-second plus the request charge.
 *
 * @param samples the run's samples: the cold rows' wall and CPU time per round
 * @param warm    the warm probe's percentiles
 */
record CostRows(Samples samples, JsonNode warm) {

    static final int[] MEMORY_MB = {512, 1024, 1769};
    static final int ONE_VCPU_MB = 1769;
    /** x86, first 6 billion GB-seconds a month, US East (N. Virginia): aws.amazon.com/lambda/pricing. */
    static final double USD_PER_GB_SECOND = 0.0000166667;
    /** $0.20 per million requests, the same page. */
    static final double USD_PER_REQUEST = 0.20 / 1_000_000;

    /** The cold rows costed: their wall-time and CPU-time samples, and how the table names them. */
    private static final String[][] COLD = {
        {"cold", "coldCpu", "cold, zip on java21 (model): init + first invoke"},
        {"zip25", "zip25Cpu", "cold, zip on java25 (model): init + first invoke"},
        {"image", "imageCpu", "cold, container image: init + first invoke"},
    };

    /** The share of one vCPU Lambda gives a function of this memory size (at most one: the model's range). */
    static double vcpuShare(int memoryMb) {
        return Math.min(1.0, memoryMb / (double) ONE_VCPU_MB);
    }

    /** The modelled billed duration of one cold start at {@code memoryMb}, in whole milliseconds. */
    static double coldMs(double wallMs, double cpuMs, int memoryMb) {
        return Math.ceil(Math.max(wallMs, cpuMs / vcpuShare(memoryMb)));
    }

    /** The modelled billed duration of one warm request that took {@code wallMs} here, all of it CPU. */
    static double warmMs(double wallMs, int memoryMb) {
        return Math.ceil(wallMs / vcpuShare(memoryMb));
    }

    static double gbSeconds(double billedMs, int memoryMb) {
        return billedMs / 1000.0 * memoryMb / 1024.0;
    }

    /** One request's price: its GB-seconds and the request charge. */
    static double usd(double gbSeconds) {
        return gbSeconds * USD_PER_GB_SECOND + USD_PER_REQUEST;
    }

    /** The median over the rounds of a cold row's modelled duration at {@code memoryMb}. */
    Stats cold(String wall, String cpu, int memoryMb) {
        Stats walls = samples.stats(wall);
        Stats cpus = samples.stats(cpu);
        double[] modelled = new double[walls.count()];
        for (int i = 0; i < modelled.length; i++) {
            modelled[i] = coldMs(walls.values()[i], cpus.values()[i], memoryMb);
        }
        return new Stats(modelled);
    }

    /** Whether the run measured what the table needs: a cold row with its CPU time, and the warm handler. */
    boolean measured() {
        return samples.has("cold") && samples.has("coldCpu") && !Double.isNaN(samples.median("coldCpu"))
                && warm.path("handler").path("p50").isNumber();
    }

    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### What one login costs (a model: "
                + "see below)%n%n| one login | memory | CPU (assumed) | measured here: wall / CPU | billed duration "
                + "(model) | GB-s | USD (x86, with the request) |%n|---|---:|---:|---:|---:|---:|---:|%n"));
        for (String[] row : COLD) {
            if (!samples.has(row[0]) || !samples.has(row[1])) {
                continue;
            }
            for (int memory : MEMORY_MB) {
                double billed = cold(row[0], row[1], memory).median();
                line(out, row[2], memory, String.format(Locale.ROOT, "%.0f / %.0f ms", samples.median(row[0]),
                        samples.median(row[1])), billed);
            }
        }
        double warmMs = Rows.warmMs(warm, "handler", "p50");
        for (int memory : MEMORY_MB) {
            line(out, "warm login (handler, p50; MWAA's round trip in AWS not included)", memory,
                    String.format(Locale.ROOT, "%.2f ms", warmMs), warmMs(warmMs, memory));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, int memory, String measured, double billedMs) {
        double gbs = gbSeconds(billedMs, memory);
        out.append(String.format(Locale.ROOT, "| %s | %d MB | %.2f vCPU | %s | %.0f ms | %s | $%s |%n", label, memory,
                vcpuShare(memory), measured, billedMs, significant(gbs), significant(usd(gbs))));
    }

    /** Three significant digits, whatever the size: 0.000345, 2.59. */
    static String significant(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }
}

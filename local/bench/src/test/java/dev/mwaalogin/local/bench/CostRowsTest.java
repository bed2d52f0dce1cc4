package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The cost model on made-up measurements: CPU share by memory, billed duration, GB-seconds and dollars. */
class CostRowsTest {

    private static JsonNode warm(double p50Micros) throws Exception {
        return new ObjectMapper().readTree("{\"handler\":{\"p50\":" + p50Micros + ",\"p99\":3000}}");
    }

    @Test
    void lambdaGivesOneVcpuAt1769MbAndAShareInProportionBelow() {
        assertEquals(1.0, CostRows.vcpuShare(1769), 1e-12);
        assertEquals(512 / 1769.0, CostRows.vcpuShare(512), 1e-12);
        assertEquals(1.0, CostRows.vcpuShare(3538), 1e-12, "the model stops at one vCPU");
    }

    @Test
    void aColdStartTakesItsCpuTimeOverItsShareButNeverLessThanItsWallTimeHere() {
        // 1,200 ms of CPU on two cores in 1,000 ms of wall time: on one vCPU it needs the 1,200 ms.
        assertEquals(1200, CostRows.coldMs(1000, 1200, 1769), 1e-12);
        assertEquals(Math.ceil(1200 * 1769 / 512.0), CostRows.coldMs(1000, 1200, 512), 1e-12);
        // Mostly waiting (600 ms of CPU in 1,000 ms): the wall time stands at one vCPU, the CPU time below it.
        assertEquals(1000, CostRows.coldMs(1000, 600, 1769), 1e-12);
        assertEquals(Math.ceil(600 * 1769 / 512.0), CostRows.coldMs(1000, 600, 512), 1e-12);
        assertEquals(2, CostRows.warmMs(1.25, 1769), 1e-12, "billed in whole milliseconds, rounded up");
        assertEquals(Math.ceil(1.25 * 1769 / 512), CostRows.warmMs(1.25, 512), 1e-12);
    }

    @Test
    void gbSecondsAndDollarsFollowLambdasPrice() {
        assertEquals(1.0, CostRows.gbSeconds(1000, 1024), 1e-12);
        assertEquals(0.5, CostRows.gbSeconds(1000, 512), 1e-12);
        assertEquals(0.0000166667 + 0.0000002, CostRows.usd(1.0), 1e-15);
        // CPU-bound work costs the same GB-seconds at any size below one vCPU: slower, not dearer.
        double at512 = CostRows.gbSeconds(CostRows.coldMs(1000, 1769, 512), 512);
        double at1024 = CostRows.gbSeconds(CostRows.coldMs(1000, 1769, 1024), 1024);
        assertEquals(1769 / 1024.0 * 1.769, at512, 0.001);
        assertEquals(at512, at1024, 0.001);
    }

    @Test
    void eachRoundIsModelledApartThenTheMedianTaken() throws Exception {
        Samples samples = new Samples();
        // Wall and CPU time of three rounds: the round whose CPU time is highest is not the one with the highest wall.
        double[] wall = {1000, 1400, 1100};
        double[] cpu = {1300, 1000, 1200};
        for (int i = 0; i < wall.length; i++) {
            samples.add("cold", wall[i]);
            samples.add("coldCpu", cpu[i]);
        }
        CostRows rows = new CostRows(samples, warm(1250));
        // At 1,769 MB the rounds take 1,300, 1,400 and 1,200 ms: median 1,300, not max(1,100, 1,200).
        assertEquals(1300, rows.cold("cold", "coldCpu", 1769).median(), 1e-12);
        assertTrue(rows.measured());
        String table = rows.table();
        assertTrue(table.contains("| cold, zip on java21 (model): init + first invoke | 1769 MB | 1.00 vCPU | "
                + "1100 / 1200 ms | 1300 ms | 2.25 | $0.0000376 |"), table);
        assertTrue(table.contains("| cold, zip on java21 (model): init + first invoke | 512 MB | 0.29 vCPU | "), table);
        assertTrue(table.contains("| warm login (handler, p50; MWAA's round trip in AWS not included) | 1769 MB | "
                + "1.00 vCPU | 1.25 ms | 2 ms | 0.00346 | $0.000000258 |"), table);
        assertFalse(table.contains("java25") || table.contains("container image"), "rows not measured are left out");
    }

    @Test
    void withoutTheCpuTimeThereIsNoCostTable() throws Exception {
        Samples samples = new Samples();
        samples.add("cold", 1000);
        samples.add("coldCpu", Double.NaN);
        assertFalse(new CostRows(samples, warm(1250)).measured());
        assertFalse(new CostRows(new Samples(), warm(1250)).measured());
    }

    @Test
    void smallAmountsKeepThreeSignificantDigits() {
        assertEquals("0.000345", CostRows.significant(0.00034512));
        assertEquals("2.59", CostRows.significant(2.5912));
    }
}

package dev.dataproduct.core.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntityOrderTest {

    @Test
    void ordersProbesByEntityKeepingTheRowOrderOfEachEntityForAnyNumberOfEntities() {
        long seed = 20261201L;
        SplittableRandom random = new SplittableRandom(seed);
        // one pass, two passes and three passes of the radix sort
        for (int entities : new int[] {1, 2, 2_048, 2_049, 100_000, 3_000_000}) {
            int count = 1 + random.nextInt(5_000);
            long[] probes = new long[count + 3]; // entries past count are not probes and stay as they are
            for (int r = 0; r < count; r++) {
                probes[r] = (long) random.nextInt(entities) << 32 | r;
            }
            probes[count] = 42;
            long[] expected = probes.clone();
            Arrays.sort(expected, 0, count); // (entity, row): by entity, then by the row, which is the input order
            EntityOrder.sort(probes, count, entities);
            assertArrayEquals(expected, probes, "seed " + seed + ", " + entities + " entities, " + count + " probes");
        }
    }
}

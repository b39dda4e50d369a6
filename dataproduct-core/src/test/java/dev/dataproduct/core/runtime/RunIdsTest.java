package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void runIdsAreVersion7WithTheStartMillisecondsInFrontSoTheySortByStart() {
        Instant start = Instant.parse("2026-03-01T06:00:00.123Z");
        UUID early = RunIds.at(start);
        UUID late = RunIds.at(start.plusMillis(1));
        assertEquals(7, early.version());
        assertEquals(2, early.variant());
        assertEquals(start.toEpochMilli(), early.getMostSignificantBits() >>> 16);
        assertTrue(early.toString().compareTo(late.toString()) < 0, early + " " + late);
    }
}

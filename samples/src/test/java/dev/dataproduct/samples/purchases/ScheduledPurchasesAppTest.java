package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.core.host.ScheduledRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purchases sample run daily by a host's scheduler, in virtual time. */
class ScheduledPurchasesAppTest {
    @TempDir
    Path work;

    @Test
    void runsTheProductEveryMorningInBerlinWithinItsJitter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<ScheduledRun> runs = ScheduledPurchasesApp.run(work, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // 06:00 in Berlin is 05:00 UTC in November
        assertEquals(List.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-02T05:00:00Z"),
                Instant.parse("2026-11-03T05:00:00Z")), runs.stream().map(ScheduledRun::slot).toList());
        for (ScheduledRun run : runs) {
            assertEquals(ScheduledRun.Outcome.COMMITTED, run.outcome(), run.detail());
            Duration late = Duration.between(run.slot(), run.startedAt());
            assertTrue(!late.isNegative() && late.compareTo(Duration.ofMinutes(15)) < 0, late.toString());
            assertEquals(HistoricalPurchasesApp.ORDERS, run.result().orElseThrow().published()
                    + run.result().orElseThrow().quarantined(), "rows in = published + quarantined");
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, printed.lines().filter(l -> l.contains(": committed (snapshot")).count(), printed);
    }
}

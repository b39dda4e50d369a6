package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.snapshot.SnapshotEntry;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotState;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyPurchasesAppTest {
    @TempDir
    Path work;

    @Test
    void aMonthOfDailyAppendsIsListedReadAsOfADayRolledBackAndTrimmedByRetention() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotStore store = DailyPurchasesApp.run(work, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        ProductAddress address = DailyPurchasesApp.product(work).address();
        List<SnapshotEntry> list = store.snapshots(address);

        SnapshotManifest current = store.current(address).orElseThrow();
        assertEquals(SnapshotManifest.Operation.ROLLBACK, current.operation());
        SnapshotEntry beforeBadDay = list.stream().filter(e -> e.manifest().id().equals(current.source()))
                .findFirst().orElseThrow();
        assertEquals(current.datasets(), beforeBadDay.manifest().datasets(),
                "the rollback makes the day before the bad one current again");
        assertTrue(list.stream().anyMatch(e -> e.state() == SnapshotState.ROLLED_BACK), printed);
        assertTrue(list.stream().anyMatch(e -> e.tags().contains("mid-month-2026-11")), printed);
        assertEquals(8, list.size(), "the last 7 committed (the rollback among them) and the tagged one: " + printed);
        // each day appends: the day before the bad one holds the purchases of 26 days
        long perDay = current.datasets().get("purchases");
        assertTrue(perDay > 26 * 100 && perDay <= 26 * DailyPurchasesApp.ORDERS_PER_DAY, printed);
        assertTrue(printed.contains("snapshot history:"), printed);
        assertTrue(printed.contains("as of day 10 (2026-11-10T06:00:00Z)"), printed);
        // the schedule engine ran every day's slot, at 06:00 UTC in virtual time
        List<String> dayLines = printed.lines().filter(l -> l.startsWith("day ")).toList();
        assertEquals(DailyPurchasesApp.DAYS, dayLines.size(), printed);
        for (int day = 1; day <= DailyPurchasesApp.DAYS; day++) {
            String slot = DailyPurchasesApp.START.plus(java.time.Duration.ofDays(day - 1)).toString();
            assertTrue(dayLines.get(day - 1).contains("slot " + slot + ", snapshot"), dayLines.get(day - 1));
        }
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("retention") && l.contains("bytes reclaimed")), printed);
    }
}

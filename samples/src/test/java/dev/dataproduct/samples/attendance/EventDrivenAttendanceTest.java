package dev.dataproduct.samples.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.stream.InMemoryStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attendance Events fed by the schools' records on a stream: published once, duplicates dropped. */
class EventDrivenAttendanceTest {
    @TempDir
    Path dir;

    @Test
    void publishesTheRecordsThatArriveOnTheStreamOnceAndDropsRecordsSentAgain() {
        InMemoryStream stream = InMemoryStream.create();
        long sent = AttendanceFeed.publish(stream);
        // the runs happen after the school year; every record is within the declared lateness
        Clock after = Clock.fixed(Instant.parse("2026-07-15T00:00:00Z"), ZoneOffset.UTC);
        DataProduct product = AttendanceEvents.eventDriven(stream, Duration.ofDays(400));
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir)).clock(after).build()) {
            RunResult first = runtime.run(product);
            long attendanceIn = first.dataset(AttendanceEvents.ATTENDANCE).rowsIn()
                    + first.inputs().stream().mapToLong(i -> i.rejected()).sum();
            assertEquals(sent, attendanceIn, "every record on the stream reaches the product");
            assertTrue(first.dataset(AttendanceEvents.ATTENDANCE).quarantined() > 0,
                    "tardies without minutes late are quarantined, as in the generated product");
            long published = first.dataset(AttendanceEvents.ATTENDANCE).published();

            AttendanceFeed.publish(stream);  // the system sends the whole year again
            RunResult again = runtime.run(product);
            assertEquals(0, again.dataset(AttendanceEvents.ATTENDANCE).published());
            assertEquals(published, again.duplicates(), "the published records sent again are dropped as duplicates");
            assertEquals(published, again.snapshot().rowCounts().get(AttendanceEvents.ATTENDANCE));
        }
    }
}

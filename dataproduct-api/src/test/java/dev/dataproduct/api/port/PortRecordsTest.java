package dev.dataproduct.api.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortRecordsTest {

    @Test
    void portDescriptorRejectsABlankName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PortDescriptor(" ", "file", "csv", ""));
        assertEquals("a port name must not be blank", e.getMessage());
        assertThrows(NullPointerException.class, () -> new PortDescriptor("files", "file", "csv", null));
    }

    @Test
    void snapshotInfoKeepsTheOrderOfItsCountsAndCopiesThem() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("z", 1L);
        rows.put("a", 2L);
        SnapshotInfo info = new SnapshotInfo("s1", 1, Optional.empty(), Instant.EPOCH,
                "urn:dataproduct:d:p:v1", "1.0.0", rows, Map.of());
        rows.put("m", 3L);
        assertEquals(List.of("z", "a"), List.copyOf(info.rowCounts().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> info.rowCounts().put("b", 1L));
        assertThrows(NullPointerException.class, () -> new SnapshotInfo("s1", 1, null, Instant.EPOCH,
                "urn:dataproduct:d:p:v1", "1.0.0", rows, Map.of()));
    }
}

package dev.dataproduct.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.junit.jupiter.api.Test;

class VectorValuesTest {

    @Test
    void setGrowsTheVectorAndGetReadsTheValueBack() {
        try (BufferAllocator allocator = new RootAllocator();
             IntVector v = new IntVector("n", allocator)) {
            for (int i = 0; i < 5000; i++) {
                VectorValues.set(v, i, i * 3);
            }
            VectorValues.set(v, 5000, null);
            v.setValueCount(5001);
            assertEquals(4999L * 3, VectorValues.get(v, 4999));
            assertNull(VectorValues.get(v, 5000));
        }
    }

    @Test
    void readsAndWritesListsWithNullElements() {
        try (BufferAllocator allocator = new RootAllocator();
             ListVector v = ListVector.empty("tags", allocator)) {
            v.addOrGetVector(org.apache.arrow.vector.types.pojo.FieldType.nullable(
                    org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE));
            v.allocateNew();
            VectorValues.set(v, 0, Arrays.asList("a", null));
            VectorValues.set(v, 1, null);
            VectorValues.set(v, 2, List.of("b"));
            v.setValueCount(3);
            assertEquals(Arrays.asList("a", null), VectorValues.get(v, 0));
            assertNull(VectorValues.get(v, 1));
            assertEquals(List.of("b"), VectorValues.get(v, 2));
        }
    }

    @Test
    void writesZonedValuesIntoATimestampWithZoneAsTheirInstant() {
        try (BufferAllocator allocator = new RootAllocator();
             TimeStampMicroTZVector v = new TimeStampMicroTZVector("at", allocator, "UTC")) {
            ZonedDateTime madrid = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Madrid"));
            VectorValues.set(v, 0, madrid);
            v.setValueCount(1);
            assertEquals(Instant.parse("2024-07-01T10:00:00Z"), VectorValues.get(v, 0));
        }
    }

    @Test
    void refusesVectorsOfUnsupportedTypesNamingThem() {
        try (BufferAllocator allocator = new RootAllocator();
             UInt4Vector unsigned = new UInt4Vector("u", allocator);
             VarBinaryVector binary = new VarBinaryVector("blob", allocator)) {
            unsigned.allocateNew(1);
            unsigned.set(0, 1);
            unsigned.setValueCount(1);
            IllegalArgumentException get = assertThrows(IllegalArgumentException.class,
                    () -> VectorValues.get(unsigned, 0));
            assertTrue(get.getMessage().startsWith("vector 'u' has unsupported type "), get.getMessage());
            IllegalArgumentException set = assertThrows(IllegalArgumentException.class,
                    () -> VectorValues.set(binary, 0, "x"));
            assertTrue(set.getMessage().startsWith("vector 'blob' has unsupported type "), set.getMessage());
        }
    }

    @Test
    void mismatchNamesTheVectorTheTypeAndTheValue() {
        try (BufferAllocator allocator = new RootAllocator();
             VarCharVector v = new VarCharVector("name", allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VectorValues.set(v, 0, 42L));
            assertEquals("field 'name' of Arrow type Utf8 cannot hold Long value '42'", e.getMessage());
        }
    }

    @Test
    void convertsBetweenInstantsAndCountsOfEveryUnitIncludingBeforeTheEpoch() {
        Instant before = Instant.parse("1969-12-31T23:59:59.123456789Z");
        assertEquals(-1L, VectorValues.fromInstant(before, TimeUnit.SECOND));
        assertEquals(-877L, VectorValues.fromInstant(before, TimeUnit.MILLISECOND));
        assertEquals(-876_544L, VectorValues.fromInstant(before, TimeUnit.MICROSECOND));
        assertEquals(-876_543_211L, VectorValues.fromInstant(before, TimeUnit.NANOSECOND));
        assertEquals(Instant.parse("1969-12-31T23:59:59.123456Z"), VectorValues.toInstant(-876_544L,
                TimeUnit.MICROSECOND));
        assertEquals(before, VectorValues.toInstant(-876_543_211L, TimeUnit.NANOSECOND));
        assertEquals(Instant.parse("1969-12-31T23:59:59.123Z"), VectorValues.toInstant(-877L,
                TimeUnit.MILLISECOND));
        assertEquals(Instant.parse("1969-12-31T23:59:59Z"), VectorValues.toInstant(-1L, TimeUnit.SECOND));
        LocalDateTime local = LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_000);
        Instant i = local.toInstant(java.time.ZoneOffset.UTC);
        assertEquals(i, VectorValues.toInstant(VectorValues.fromInstant(i, TimeUnit.MICROSECOND),
                TimeUnit.MICROSECOND));
    }
}

package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.core.io.ArrowMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * An Arrow IPC value is checked against its own length before Arrow allocates what its messages
 * declare: a few bytes of garbage claiming gigabytes are a parse problem, not gigabytes of memory.
 */
class RowCodecTest {
    private static RowCodec.Decoded decode(byte[] value) {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            return new RowCodec(ValueFormat.ARROW_IPC).decode(value, Events.SPEC.schema(), allocator);
        }
    }

    private static byte[] oneRow() {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             VectorSchemaRoot batch = dev.dataproduct.api.data.BatchBuilder.fromRows(Events.SPEC.schema(),
                     Events.rows(0, 1), allocator)) {
            return new RowCodec(ValueFormat.ARROW_IPC).encode(batch, 0);
        }
    }

    @Test
    void aMessageClaimingMoreBytesThanTheValueHoldsIsAProblemSaidSo() {
        for (int claimed : List.of(Integer.MAX_VALUE - 8, 1 << 30, 9)) {
            byte[] value = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(claimed).putLong(0)
                    .array();
            RowCodec.Decoded d = decode(value);
            assertEquals(1, d.problems().size());
            assertTrue(d.problems().get(0).message().contains("declares " + claimed + " bytes"),
                    d.problems().get(0).message());
        }
    }

    @Test
    void aValueCutInsideABodyIsAProblemSaidSoAndAWholeOneReads() {
        byte[] whole = oneRow();
        assertEquals(List.of(), decode(whole).problems());
        assertEquals("ev-0000000", decode(whole).values().get("event_id"));
        RowCodec.Decoded cut = decode(Arrays.copyOf(whole, whole.length - 24));
        assertEquals(1, cut.problems().size());
        assertTrue(cut.problems().get(0).message().contains("bytes of body"), cut.problems().get(0).message());
    }

    @Test
    void aBatchBufferPointingOutsideItsBodyIsAProblemSaidSoWithoutLeakingArrowMemory() {
        byte[] value = oneRow();
        ByteBuffer bytes = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int schemaEnd = 8 + bytes.getInt(4);
        int metaStart = schemaEnd + 8;
        ByteBuffer meta = bytes.duplicate().position(metaStart).limit(metaStart + bytes.getInt(schemaEnd + 4)).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        org.apache.arrow.flatbuf.RecordBatch batch = (org.apache.arrow.flatbuf.RecordBatch)
                org.apache.arrow.flatbuf.Message.getRootAsMessage(meta).header(new org.apache.arrow.flatbuf.RecordBatch());
        org.apache.arrow.flatbuf.Buffer last = batch.buffers(batch.buffersLength() - 1);
        long offset = last.offset();
        long length = last.length();
        long claimed = length + 4096;
        int found = -1;
        for (int at = 0; at + 16 <= meta.limit(); at++) {
            if (meta.getLong(at) == offset && meta.getLong(at + 8) == length && length > 0) {
                found = at;
            }
        }
        assertTrue(found >= 0, "the last buffer entry is in the metadata");
        bytes.putLong(metaStart + found + 8, claimed);

        // decode closes its allocator: a buffer Arrow leaked would fail here
        RowCodec.Decoded d = decode(value);

        assertEquals(1, d.problems().size());
        assertTrue(d.problems().get(0).message().contains("declares a buffer of " + claimed + " bytes"),
                d.problems().get(0).message());
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.data.BatchCursor;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A read path's batches as an {@link ArrowReader}, the shape the Arrow C stream export takes. Each
 * batch's buffers move into the reader's root by reference count, without copying values.
 */
final class CursorReader extends ArrowReader {
    private final BatchCursor cursor;
    private final Schema schema;
    private long rows;

    CursorReader(BufferAllocator allocator, BatchCursor cursor, Schema schema) {
        super(allocator);
        this.cursor = cursor;
        this.schema = schema;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (!cursor.next()) {
            return false;
        }
        loadRecordBatch(new VectorUnloader(cursor.batch()).getRecordBatch());
        rows += cursor.batch().getRowCount();
        return true;
    }

    /** @return the rows handed on so far */
    long rows() {
        return rows;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        cursor.close();
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}

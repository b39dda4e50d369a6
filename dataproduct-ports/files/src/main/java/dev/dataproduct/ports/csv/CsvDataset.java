package dev.dataproduct.ports.csv;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Schema;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;

/** The dataset one {@link CsvInput#open} hands out; every {@link #open()} reads the file again. */
final class CsvDataset implements Dataset {
    private final CsvSource source;
    private final Schema schema;
    private final CsvLayout layout;
    private final BufferAllocator allocator;
    private final RejectSink rejects;
    /** The last line reported as rejected, so that a second pass does not quarantine a row twice. */
    private final AtomicLong lastRejectedLine = new AtomicLong(0);

    CsvDataset(CsvSource source, Schema schema, CsvLayout layout, BufferAllocator allocator, RejectSink rejects) {
        this.source = source;
        this.schema = schema;
        this.layout = layout;
        this.allocator = allocator;
        this.rejects = rejects;
    }

    @Override
    public String name() {
        return source.portName();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public BatchCursor open() {
        return new CsvCursor(source, schema, layout, allocator, this::reject);
    }

    /** Passes on a rejected row unless an earlier pass already did; lines only grow within a pass. */
    private void reject(long line, RejectedRow row) {
        if (lastRejectedLine.getAndAccumulate(line, Math::max) < line) {
            rejects.reject(row);
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name() + ", CSV file " + source + "]";
    }
}

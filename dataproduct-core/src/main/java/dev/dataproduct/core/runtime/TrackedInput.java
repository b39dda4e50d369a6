package dev.dataproduct.core.runtime;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An input as transforms see it: the port's dataset under the input's name, counting the rows of
 * the first pass and passing on the rows the port rejects during that pass only, so that a
 * transform reading an input twice does not quarantine a bad row twice.
 */
final class TrackedInput implements Dataset, RejectSink {
    private final String name;
    private QuarantineLog quarantine;
    private Dataset source;
    private int passes;
    private long rowsRead;
    private long rejected;
    private final List<RejectedRow> early = new ArrayList<>();

    TrackedInput(String name) {
        this.name = name;
    }

    void bind(Dataset dataset, QuarantineLog log) {
        this.source = dataset;
        this.quarantine = log;
        // rows the port rejected while it was being opened, before there was a log to take them
        early.forEach(log::add);
        early.clear();
    }

    long rowsRead() {
        return rowsRead;
    }

    long rejected() {
        return rejected;
    }

    /** @return the rows the input could not read, per reason */
    Map<String, Long> reasons() {
        return quarantine == null ? Map.of() : quarantine.reasons();
    }

    @Override
    public void reject(RejectedRow row) {
        if (passes <= 1) {
            rejected++;
            if (quarantine == null) {
                early.add(row);
            } else {
                quarantine.add(row);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return source.schema();
    }

    @Override
    public BatchCursor open() {
        passes++;
        boolean counting = passes == 1;
        BatchCursor cursor = source.open();
        return new BatchCursor() {
            private long batchIndex = -1;

            @Override
            public boolean next() {
                boolean more = cursor.next();
                batchIndex++;
                if (more && counting) {
                    rowsRead += cursor.batch().getRowCount();
                }
                return more;
            }

            @Override
            public Optional<String> origin(int row) {
                // a port that does not know its rows' origins still gets them placed in the run
                return Optional.of(cursor.origin(row).orElseGet(() -> "input '" + name + "', batch " + batchIndex
                        + ", row " + row));
            }

            @Override
            public VectorSchemaRoot batch() {
                return cursor.batch();
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }
}

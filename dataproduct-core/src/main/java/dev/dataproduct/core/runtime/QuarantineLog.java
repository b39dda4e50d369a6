package dev.dataproduct.core.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Collects the rejected rows of one dataset or input and writes them, in bounded batches, to the
 * quarantine of the snapshot being written; counts them by reason and keeps the first few.
 */
final class QuarantineLog {
    private static final int FLUSH_ROWS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> columns;
    private final Schema schema;
    private final SnapshotTransaction transaction;
    private final BufferAllocator allocator;
    private final RunTally tally;
    private final List<RejectedRow> pending = new ArrayList<>();
    private final Map<String, Long> reasons = new java.util.HashMap<>();
    private ArrowIpcWriter writer;
    private long rows;

    QuarantineLog(String name, List<String> columns, SnapshotTransaction transaction, BufferAllocator allocator,
                  RunTally tally) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.transaction = transaction;
        this.allocator = allocator;
        this.tally = tally;
        List<Field> fields = new ArrayList<>();
        for (String meta : List.of("_origin", "_rules", "_reasons")) {
            fields.add(Field.of(meta, LogicalType.STRING, true));
        }
        for (String c : this.columns) {
            fields.add(Field.of(c, LogicalType.STRING, false));
        }
        fields.add(Field.of("_extra", LogicalType.STRING, false));
        this.schema = new Schema(fields);
    }

    void add(RejectedRow row) {
        pending.add(row);
        rows++;
        tally.rejected(row);
        RunTally.count(reasons, row);
        if (pending.size() >= FLUSH_ROWS) {
            flush();
        }
    }

    long rows() {
        return rows;
    }

    /** @return the rows of this log per reason, such as {@code purchases.sku: pattern} */
    Map<String, Long> reasons() {
        return reasons;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (writer == null) {
            writer = transaction.quarantine(name, schema.toArrow());
        }
        try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            for (RejectedRow r : pending) {
                Object[] values = new Object[schema.size()];
                values[0] = r.origin();
                values[1] = r.violations().stream().map(v -> v.field().isEmpty() ? v.rule() : v.field() + ":" + v.rule())
                        .collect(Collectors.joining(","));
                values[2] = r.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
                Map<String, String> extra = new LinkedHashMap<>(r.values());
                for (int c = 0; c < columns.size(); c++) {
                    values[3 + c] = extra.remove(columns.get(c));
                }
                values[values.length - 1] = extra.isEmpty() ? null : json(extra);
                b.addRow(values);
            }
            try (VectorSchemaRoot batch = b.build()) {
                writer.write(batch);
            }
        }
        pending.clear();
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render quarantined values as JSON", e);
        }
    }
}

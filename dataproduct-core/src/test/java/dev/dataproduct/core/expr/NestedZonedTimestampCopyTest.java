package dev.dataproduct.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Rows with timestamps that carry a time zone inside arrays and structs are copied whole: Arrow's
 * own nested copy cannot copy them, and the read path and the runtime's row selection copy rows.
 */
class NestedZonedTimestampCopyTest {
    private static final LogicalType INSTANT_MS = LogicalType.timestamp(TimePrecision.MILLIS, true);
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.STRING, true),
            Field.of("times", LogicalType.arrayOf(INSTANT_MS), false),
            Field.of("stamp", LogicalType.struct(Field.of("at", INSTANT_MS, false)), false));

    private static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", "r" + i);
            row.put("times", i == 3 ? null : Arrays.asList(Instant.ofEpochMilli(1_700_000_000_000L + i), null));
            Map<String, Object> stamp = new HashMap<>();
            stamp.put("at", Instant.ofEpochMilli(1_600_000_000_000L + i));
            row.put("stamp", stamp);
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> maps(VectorSchemaRoot batch) {
        List<Map<String, Object>> out = new ArrayList<>();
        RowView view = RowView.over(batch);
        for (int i = 0; i < batch.getRowCount(); i++) {
            out.add(view.at(i).toMap());
        }
        return out;
    }

    @Test
    void aSelectionCopiesRowsWithZonedTimestampsInsideArraysAndStructs() {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(SCHEMA, rows(), allocator);
             VectorSchemaRoot kept = Selection.allBut(Set.of(1), 4).copyRows(batch, batch.getSchema(), allocator)) {
            List<Map<String, Object>> all = maps(batch);
            assertEquals(List.of(all.get(0), all.get(2), all.get(3)), maps(kept));
        }
    }

    @Test
    void theReadPathReturnsRowsWithZonedTimestampsInsideArraysAndStructs() {
        DatasetSpec.Builder spec = DatasetSpec.named("events");
        SCHEMA.fields().forEach(spec::field);
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(SCHEMA, rows(), allocator)) {
            DataProduct product = DataProduct.builder("events").domain("test").version("1.0.0")
                    .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Nested instants.")
                    .output(spec)
                    .access(Policy.forDataset("events").grant(Grant.to(Audience.role("reader")).allColumns().build())
                            .build())
                    .transform(ctx -> Dataset.of("events", SCHEMA, List.of(batch)))
                    .build();
            InMemorySnapshotStore store = new InMemorySnapshotStore();
            try (ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
                runtime.run(product);
            }
            List<Map<String, Object>> read = new ArrayList<>();
            ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
            try (ReadResult result = reader.read(Principal.of("ana", "reader"), ReadRequest.of("events").build())) {
                while (result.next()) {
                    read.addAll(maps(result.batch()));
                }
            }
            assertEquals(maps(batch), read);
        }
    }
}

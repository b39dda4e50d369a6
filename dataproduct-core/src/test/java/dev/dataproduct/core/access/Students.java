package dev.dataproduct.core.access;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A small students dataset with classified fields, for access tests. */
public final class Students {
    public static final DatasetSpec SPEC = DatasetSpec.named("students")
            .field("id", LogicalType.STRING, f -> f.primaryKey())
            .field("name", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED))
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
            .field("school", LogicalType.STRING)
            .field("grade", LogicalType.INT32)
            .field("birth", LogicalType.DATE)
            .field("seen_at", LogicalType.TIMESTAMP_TZ)
            .build();

    private Students() {
    }

    /** Row i: id s{i}, school A for even i and B for odd, grade 9 + i % 4. */
    public static VectorSchemaRoot batch(BufferAllocator allocator, int from, int count) {
        try (BatchBuilder b = BatchBuilder.create(SPEC.schema(), allocator)) {
            for (int i = from; i < from + count; i++) {
                b.addRow("s" + i, "Student Number" + i, "student" + i + "@school.example", i % 2 == 0 ? "A" : "B",
                        9 + i % 4, LocalDate.of(2008 + i % 3, 1 + i % 12, 1 + i % 28),
                        Instant.parse("2026-03-04T05:06:07Z").plusSeconds(86_400L * i));
            }
            return b.build();
        }
    }

    /** Every row of a batch as maps, in order. */
    public static List<Map<String, Object>> rows(VectorSchemaRoot batch) {
        List<Map<String, Object>> out = new ArrayList<>();
        RowView view = RowView.over(batch);
        for (int i = 0; i < batch.getRowCount(); i++) {
            out.add(view.at(i).toMap());
        }
        return out;
    }
}

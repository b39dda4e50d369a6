package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A feature view of scores of students and helpers to build its tables and read results. */
final class Histories {
    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static final Duration MAX_AGE = Duration.ofDays(10);
    static final FeatureView VIEW = FeatureView.builder("scores")
            .source(ProductInput.of("urn:dataproduct:k12:grades", 1).dataset("grades"))
            .entity(Entity.of("student", "student_id"))
            .eventTime("event_time").createdTime("created_at")
            .feature(Feature.column("score", LogicalType.FLOAT64))
            .feature(Feature.column("grade", LogicalType.STRING))
            .maxAge(MAX_AGE)
            .build();
    static final Schema TABLE = VIEW.dataset().schema();
    static final Schema ENTITY = Schema.of(
            dev.dataproduct.api.schema.Field.of("row_id", LogicalType.INT64, true),
            dev.dataproduct.api.schema.Field.of("student_id", LogicalType.STRING, false),
            dev.dataproduct.api.schema.Field.of("as_of", LogicalType.TIMESTAMP_TZ, false));

    private Histories() {
    }

    static Instant day(double days) {
        return T0.plusMillis(Math.round(days * 86_400_000L));
    }

    static Map<String, Object> feature(String student, Instant event, Instant created, Double score, String grade) {
        Map<String, Object> m = new HashMap<>();
        m.put("student_id", student);
        m.put("event_time", event);
        m.put("created_at", created);
        m.put("score", score);
        m.put("grade", grade);
        return m;
    }

    static Map<String, Object> entity(long id, String student, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("row_id", id);
        m.put("student_id", student);
        m.put("as_of", at);
        return m;
    }

    /** A dataset over batches of at most {@code batchRows} rows; the batches are added to {@code owned}. */
    static Dataset dataset(String name, Schema schema, List<Map<String, Object>> rows, int batchRows,
                           BufferAllocator allocator, List<VectorSchemaRoot> owned) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += batchRows) {
            VectorSchemaRoot b = BatchBuilder.fromRows(schema, rows.subList(i, Math.min(rows.size(), i + batchRows)),
                    allocator);
            batches.add(b);
            owned.add(b);
        }
        return Dataset.of(name, schema, batches);
    }

    static Dataset table(List<Map<String, Object>> rows, BufferAllocator allocator, List<VectorSchemaRoot> owned) {
        return dataset("scores", TABLE, rows, 8, allocator, owned);
    }

    /** Every output row of a dataset, as maps, in order. */
    static List<Map<String, Object>> rows(Dataset d) {
        List<Map<String, Object>> out = new ArrayList<>();
        d.forEachRow(r -> out.add(new LinkedHashMap<>(toMap(r))));
        return out;
    }

    private static Map<String, Object> toMap(RowView r) {
        return r.toMap();
    }
}

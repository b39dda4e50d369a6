package dev.dataproduct.core.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.feature.Aggregation;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.TransformContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
    static final Schema SOURCE = Schema.of(Field.of("student_id", LogicalType.STRING, false),
            Field.of("date", LogicalType.DATE, false),
            Field.of("status", LogicalType.STRING, false),
            Field.of("minutes_late", LogicalType.INT32, false));
    static final FeatureView VIEW = FeatureView.builder("attendance-features")
            .source(ProductInput.of("urn:dataproduct:k12:attendance-events", 1).dataset("attendance"))
            .entity(Entity.of("student", "student_id"))
            .eventTime("date")
            .feature(Feature.column("minutes_late", LogicalType.INT32))
            .feature(Feature.rolling("absence_rate_3d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"),
                    Duration.ofDays(3)))
            .feature(Feature.rolling("late_count_3d", Aggregation.COUNT, Expr.col("minutes_late"), Duration.ofDays(3)))
            .feature(Feature.rolling("most_late_3d", Aggregation.MAX, Expr.col("minutes_late"), Duration.ofDays(3)))
            .feature(Feature.rolling("days_3d", Aggregation.COUNT, Expr.col("date"), Duration.ofDays(3)))
            .maxAge(Duration.ofDays(7))
            .build();

    BufferAllocator allocator;
    List<VectorSchemaRoot> owned = new ArrayList<>();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        owned.forEach(VectorSchemaRoot::close);
        allocator.close();
    }

    static Map<String, Object> row(String student, int dayOfMonth, String status, Integer late) {
        Map<String, Object> m = new HashMap<>();
        m.put("student_id", student);
        m.put("date", dayOfMonth == 0 ? null : LocalDate.of(2026, 9, dayOfMonth));
        m.put("status", status);
        m.put("minutes_late", late);
        return m;
    }

    List<Map<String, Object>> run(List<Map<String, Object>> source) throws Exception {
        Dataset input = Histories.dataset("attendance", SOURCE, source, 2, allocator, owned);
        DatasetSpec output = VIEW.dataset();
        TransformContext context = new TransformContext() {
            @Override
            public Dataset input(String name) {
                assertEquals("attendance", name);
                return input;
            }

            @Override
            public Set<String> inputNames() {
                return Set.of("attendance");
            }

            @Override
            public DatasetSpec output() {
                return output;
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        List<Map<String, Object>> out = new ArrayList<>();
        FeatureTable.transform(VIEW).apply(context, batch -> {
            RowView row = RowView.over(batch);
            for (int i = 0; i < batch.getRowCount(); i++) {
                out.add(row.at(i).toMap());
            }
        });
        return out;
    }

    @Test
    void aggregatesATrailingWindowWithAnExclusiveStartAndAnInclusiveEnd() throws Exception {
        List<Map<String, Object>> out = run(List.of(
                row("s1", 4, "ABSENT", null),
                row("s1", 1, "ABSENT", null),
                row("s1", 2, "PRESENT", 5),
                row("s1", 3, "TARDY", 12),
                row("s2", 3, "PRESENT", null)));
        assertEquals(List.of("s1", "s1", "s1", "s1", "s2"), out.stream().map(r -> r.get("student_id")).toList());
        assertEquals(List.of(Histories.day(0), Histories.day(1), Histories.day(2), Histories.day(3), Histories.day(2)), out.stream().map(r -> r.get("date")).toList(),
                "a date becomes its start in UTC; rows are ordered by time within an entity");
        // on the 4th, the window (1st, 4th] holds the 2nd, 3rd and 4th: the 1st is exactly 3 days before
        Map<String, Object> fourth = out.get(3);
        assertEquals(1.0 / 3, (Double) fourth.get("absence_rate_3d"), 1e-12);
        assertEquals(2L, fourth.get("late_count_3d"));
        assertEquals(12.0, fourth.get("most_late_3d"));
        assertEquals(3L, fourth.get("days_3d"), "a count counts values of any type");
        // on the 3rd, the window holds the 1st to the 3rd
        assertEquals(1.0 / 3, (Double) out.get(2).get("absence_rate_3d"), 1e-12);
        assertEquals(1.0, out.get(0).get("absence_rate_3d"));
        assertNull(out.get(0).get("most_late_3d"), "a window without a value has no maximum");
        assertEquals(0L, out.get(0).get("late_count_3d"), "but a count of zero");
    }

    @Test
    void givesRowsOfOneEventTimeOneWindow() throws Exception {
        List<Map<String, Object>> out = run(List.of(row("s1", 2, "ABSENT", null), row("s1", 2, "PRESENT", null)));
        assertEquals(0.5, out.get(0).get("absence_rate_3d"));
        assertEquals(0.5, out.get(1).get("absence_rate_3d"));
    }

    @Test
    void passesOnRowsWithoutKeyOrTimeForTheGateToQuarantine() throws Exception {
        List<Map<String, Object>> out = run(List.of(row(null, 2, "ABSENT", 3), row("s1", 0, "ABSENT", 4),
                row("s1", 2, "ABSENT", null)));
        assertEquals(3, out.size(), "rows in = rows out: none is lost before the gate");
        assertEquals(List.of(3L, 4L), out.subList(1, 3).stream().map(r -> r.get("minutes_late")).toList());
        assertNull(out.get(1).get("absence_rate_3d"));
    }
}

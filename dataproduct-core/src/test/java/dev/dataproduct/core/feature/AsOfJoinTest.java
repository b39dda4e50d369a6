package dev.dataproduct.core.feature;

import static dev.dataproduct.core.feature.Histories.day;
import static dev.dataproduct.core.feature.Histories.entity;
import static dev.dataproduct.core.feature.Histories.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsOfJoinTest {
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

    List<Map<String, Object>> join(List<Map<String, Object>> features, List<Map<String, Object>> entities) {
        Dataset table = Histories.table(features, allocator, owned);
        Dataset rows = Histories.dataset("labels", Histories.ENTITY, entities, 2, allocator, owned);
        return Histories.rows(AsOfJoin.of(Histories.VIEW).join(rows, "as_of", table, allocator));
    }

    @Test
    void takesTheLatestValueAtOrBeforeEachRowsTimeInTheRowsOrder() {
        List<Map<String, Object>> out = join(List.of(
                        feature("s2", day(1), day(1), 20.0, "B"),
                        feature("s1", day(3), day(3), 13.0, "A"),
                        feature("s1", day(1), day(1), 11.0, "C")),   // out of order
                List.of(entity(0, "s1", day(2)), entity(1, "s1", day(3)), entity(2, "s2", day(0.5)),
                        entity(3, "s3", day(2)), entity(4, "s1", day(0.9))));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), out.stream().map(r -> r.get("row_id")).toList());
        assertEquals(11.0, out.get(0).get("score"));
        assertEquals("PRESENT", out.get(0).get("score_status"));
        assertEquals(13.0, out.get(1).get("score"), "a value whose event time equals t counts");
        assertEquals("NOT_FOUND", out.get(2).get("score_status"), "a value from after t is never used");
        assertEquals("NOT_FOUND", out.get(3).get("score_status"));
        assertEquals("NOT_FOUND", out.get(4).get("score_status"));
        assertNull(out.get(4).get("score"));
    }

    @Test
    void expiresAValueExactlyMaxAgeOldAndKeepsOneAMicrosecondYounger() {
        List<Map<String, Object>> out = join(List.of(feature("s1", day(0), null, 1.0, "A")),
                List.of(entity(0, "s1", day(0).plus(Histories.MAX_AGE)),
                        entity(1, "s1", day(0).plus(Histories.MAX_AGE).minusNanos(1000))));
        assertEquals("EXPIRED", out.get(0).get("score_status"));
        assertNull(out.get(0).get("score"));
        assertEquals("PRESENT", out.get(1).get("score_status"));
    }

    @Test
    void breaksTiesOfEventTimeByCreatedTimeThenByTheLaterRow() {
        List<Map<String, Object>> out = join(List.of(
                        feature("s1", day(1), day(1.2), 2.0, "late"),
                        feature("s1", day(1), day(1.1), 1.0, "early"),
                        feature("s2", day(1), day(1), 1.0, "first"),
                        feature("s2", day(1), day(1), 2.0, "second"),
                        feature("s3", day(1), null, 1.0, "no created time"),
                        feature("s3", day(1), day(1), 2.0, "created")),
                List.of(entity(0, "s1", day(2)), entity(1, "s2", day(2)), entity(2, "s3", day(2))));
        assertEquals("late", out.get(0).get("grade"));
        assertEquals("second", out.get(1).get("grade"));
        assertEquals("created", out.get(2).get("grade"), "a missing created time is earlier than any");
    }

    @Test
    void reportsANullValueOfTheChosenRowAsNullValueNotAnOlderValue() {
        List<Map<String, Object>> out = join(List.of(
                        feature("s1", day(1), day(1), 1.0, "A"),
                        feature("s1", day(2), day(2), null, "B")),
                List.of(entity(0, "s1", day(3))));
        assertEquals("NULL_VALUE", out.get(0).get("score_status"));
        assertNull(out.get(0).get("score"));
        assertEquals("PRESENT", out.get(0).get("grade_status"));
        assertEquals("B", out.get(0).get("grade"));
    }

    @Test
    void answersEntityRowsWithoutKeyOrTimeAsNotFoundInsteadOfFailing() {
        List<Map<String, Object>> out = join(List.of(feature("s1", day(1), day(1), 1.0, "A")),
                List.of(entity(0, null, day(3)), entity(1, "s1", null)));
        assertEquals(List.of("NOT_FOUND", "NOT_FOUND"), out.stream().map(r -> r.get("score_status")).toList());
    }

    @Test
    void refusesEntityRowsWithoutTheTimeColumnNamingIt() {
        Dataset table = Histories.table(List.of(feature("s1", day(1), day(1), 1.0, "A")), allocator, owned);
        Dataset rows = Histories.dataset("labels", Histories.ENTITY, List.of(entity(0, "s1", day(1))), 2,
                allocator, owned);
        DataProductException e = assertThrows(DataProductException.class,
                () -> Histories.rows(AsOfJoin.of(Histories.VIEW).join(rows, "when", table, allocator)));
        assertTrue(e.getMessage().contains("no time column 'when'"), e.getMessage());
    }

    @Test
    void matchesIntegerKeysByValueWhateverTheirWidth() {
        FeatureView view = FeatureView.builder("counts")
                .source(ProductInput.of("urn:dataproduct:k12:grades", 1).dataset("grades"))
                .entity(new Entity("student", Map.of("student_no", LogicalType.INT64), "student"))
                .eventTime("event_time").feature(Feature.column("score", LogicalType.FLOAT64))
                .maxAge(Duration.ofDays(10)).build();
        Schema entitySchema = Schema.of(Field.of("student_no", LogicalType.INT32, false),
                Field.of("as_of", LogicalType.TIMESTAMP_TZ, false));
        Dataset table = Histories.dataset("counts", view.dataset().schema(), List.of(
                Map.of("student_no", 7L, "event_time", day(1), "score", 1.0),
                Map.of("student_no", 8L, "event_time", day(1), "score", 2.0),
                Map.of("student_no", 7L, "event_time", day(2), "score", 3.0)), 2, allocator, owned);
        Map<String, Object> unknown = new java.util.HashMap<>();
        unknown.put("student_no", null);
        unknown.put("as_of", day(3));
        Dataset rows = Histories.dataset("rows", entitySchema, List.of(Map.of("student_no", 7L, "as_of", day(3)),
                Map.of("student_no", 8L, "as_of", day(3)), Map.of("student_no", 9L, "as_of", day(3)), unknown), 2,
                allocator, owned);
        List<Map<String, Object>> out = Histories.rows(AsOfJoin.of(view).join(rows, "as_of", table, allocator));
        assertEquals(java.util.Arrays.asList(3.0, 2.0, null, null), out.stream().map(r -> r.get("score")).toList());
        assertEquals(List.of("PRESENT", "PRESENT", "NOT_FOUND", "NOT_FOUND"),
                out.stream().map(r -> r.get("score_status")).toList());
    }

    @Test
    void holdsNothingAfterTheResultIsClosed() {
        Dataset table = Histories.table(List.of(feature("s1", day(1), day(1), 1.0, "A")), allocator, owned);
        Dataset rows = Histories.dataset("labels", Histories.ENTITY, List.of(entity(0, "s1", day(1))), 2,
                allocator, owned);
        long before = allocator.getAllocatedMemory();
        try (var cursor = AsOfJoin.of(Histories.VIEW).join(rows, "as_of", table, allocator).open()) {
            assertTrue(cursor.next());
        }
        assertEquals(before, allocator.getAllocatedMemory());
        assertEquals(Duration.ofDays(10), Histories.VIEW.maxAge());
    }

    @Test
    void holdsOnlyTheFeatureColumnsOfTheTableWhileJoining() {
        // a feature table with a wide column the view does not use: the join must not keep it
        Schema wide = new Schema(java.util.stream.Stream.concat(Histories.TABLE.fields().stream(),
                java.util.stream.Stream.of(Field.of("notes", LogicalType.STRING, true))).toList());
        String note = "n".repeat(4096);
        List<Map<String, Object>> features = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Map<String, Object> row = feature("s" + (i % 8), day(i / 8.0), day(i / 8.0), (double) i, "A");
            row.put("notes", note);
            features.add(row);
        }
        Dataset table = Histories.dataset("scores", wide, features, 16, allocator, owned);
        Dataset rows = Histories.dataset("labels", Histories.ENTITY, List.of(entity(0, "s1", day(9))), 2,
                allocator, owned);
        long notes = 64L * note.length();
        try (BufferAllocator joining = allocator.newChildAllocator("join", 0, Long.MAX_VALUE);
             var cursor = AsOfJoin.of(Histories.VIEW).join(rows, "as_of", table, joining).open()) {
            assertTrue(cursor.next());
            assertEquals("PRESENT", cursor.batch().getVector("score_status").getObject(0).toString());
            assertTrue(joining.getAllocatedMemory() < notes / 2, "the join holds " + joining.getAllocatedMemory()
                    + " bytes, the unused column alone is " + notes);
        }
    }

    @Test
    void answersIntegerKeysAsTheSameEntitiesKeyedByText() {
        // integer keys take their own path (probed in the order of the entity table's slots): it must
        // choose what the path of other keys chooses, over enough entities to grow the table
        long seed = 7_2026_12_01L;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        FeatureView byNumber = FeatureView.builder("by-number")
                .source(ProductInput.of("urn:dataproduct:k12:grades", 1).dataset("grades"))
                .entity(new Entity("student", Map.of("student_no", LogicalType.INT64), "student"))
                .eventTime("event_time").feature(Feature.column("score", LogicalType.FLOAT64))
                .maxAge(Duration.ofDays(10)).build();
        FeatureView byText = FeatureView.builder("by-text")
                .source(ProductInput.of("urn:dataproduct:k12:grades", 1).dataset("grades"))
                .entity(new Entity("student", Map.of("student_no", LogicalType.STRING), "student"))
                .eventTime("event_time").feature(Feature.column("score", LogicalType.FLOAT64))
                .maxAge(Duration.ofDays(10)).build();
        List<Map<String, Object>> numbered = new ArrayList<>();
        List<Map<String, Object>> texted = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long student = random.nextLong(3_000) * 7919;
            java.time.Instant event = day(random.nextDouble() * 60);
            Double score = random.nextInt(10) == 0 ? null : (double) random.nextInt(1000);
            Map<String, Object> n = new java.util.HashMap<>();
            n.put("student_no", student);
            n.put("event_time", event);
            n.put("score", score);
            numbered.add(n);
            Map<String, Object> t = new java.util.HashMap<>(n);
            t.put("student_no", "s" + student);
            texted.add(t);
        }
        List<Map<String, Object>> numberRows = new ArrayList<>();
        List<Map<String, Object>> textRows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            Long student = random.nextInt(50) == 0 ? null : random.nextLong(3_100) * 7919;
            java.time.Instant at = random.nextInt(50) == 0 ? null : day(random.nextDouble() * 70 - 5);
            Map<String, Object> n = new java.util.HashMap<>();
            n.put("student_no", student);
            n.put("as_of", at);
            numberRows.add(n);
            Map<String, Object> t = new java.util.HashMap<>(n);
            t.put("student_no", student == null ? null : "s" + student);
            textRows.add(t);
        }
        Schema numberSchema = Schema.of(Field.of("student_no", LogicalType.INT64, false),
                Field.of("as_of", LogicalType.TIMESTAMP_TZ, false));
        Schema textSchema = Schema.of(Field.of("student_no", LogicalType.STRING, false),
                Field.of("as_of", LogicalType.TIMESTAMP_TZ, false));
        List<Map<String, Object>> a = Histories.rows(AsOfJoin.of(byNumber).join(
                Histories.dataset("rows", numberSchema, numberRows, 4096, allocator, owned), "as_of",
                Histories.dataset("t", byNumber.dataset().schema(), numbered, 4096, allocator, owned), allocator));
        List<Map<String, Object>> b = Histories.rows(AsOfJoin.of(byText).join(
                Histories.dataset("rows", textSchema, textRows, 4096, allocator, owned), "as_of",
                Histories.dataset("t", byText.dataset().schema(), texted, 4096, allocator, owned), allocator));
        assertEquals(b.size(), a.size());
        long present = 0;
        for (int r = 0; r < a.size(); r++) {
            assertEquals(b.get(r).get("score_status"), a.get(r).get("score_status"), "seed " + seed + ", row " + r);
            assertEquals(b.get(r).get("score"), a.get(r).get("score"), "seed " + seed + ", row " + r);
            present += "PRESENT".equals(a.get(r).get("score_status")) ? 1 : 0;
        }
        assertTrue(present > 1_000, "the data must choose values: " + present + " present");
    }
}

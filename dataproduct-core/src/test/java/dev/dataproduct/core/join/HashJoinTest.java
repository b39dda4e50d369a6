package dev.dataproduct.core.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.Collisions;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.join.OnDuplicateKey;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashJoinTest {
    static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.STRING);

    /** Facts with an integer key and an amount; {@link #NAMES_BY_ID} holds their dimension. */
    private static final Schema FACTS_BY_ID = Schema.of(
            Field.builder("customer", LogicalType.INT64).conformedKey("id").build(),
            Field.of("amount", LogicalType.INT32, false));
    private static final Schema NAMES_BY_ID = Schema.of(
            Field.builder("id", LogicalType.INT64).conformedKey("id").build(),
            Field.of("name", LogicalType.STRING, false));
    private final BufferAllocator allocator = new RootAllocator();
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    @AfterEach
    void close() {
        batches.forEach(VectorSchemaRoot::close);
        allocator.close();
    }

    private static final Schema PURCHASES = Schema.of(
            Field.builder("customer_id", LogicalType.STRING).conformedKey("customer").build(),
            Field.of("amount", LogicalType.INT64, true));
    private static final Schema CUSTOMERS = Schema.of(
            Field.builder("id", LogicalType.STRING).conformedKey("customer")
                    .classification(Classification.RESTRICTED).build(),
            Field.of("segment", LogicalType.STRING, false));

    private Dataset dataset(String name, Schema schema, Object[]... rows) {
        return Dataset.of(name, schema, List.of(batch(schema, rows)));
    }

    private static List<String> rows(Dataset d) {
        List<String> out = new ArrayList<>();
        d.forEachRow(r -> {
            StringBuilder sb = new StringBuilder();
            for (String f : d.schema().fieldNames()) {
                sb.append(sb.length() == 0 ? "" : "|").append(r.get(f));
            }
            out.add(sb.toString());
        });
        return out;
    }

    private Dataset purchases() {
        return dataset("purchases", PURCHASES, new Object[] {"c1", 10L}, new Object[] {"c2", 20L},
                new Object[] {"c1", 30L}, new Object[] {null, 40L}, new Object[] {"c9", 50L});
    }

    private Dataset customers() {
        return dataset("customers", CUSTOMERS, new Object[] {"c1", "gold"}, new Object[] {"c2", "silver"},
                new Object[] {"c3", "bronze"}, new Object[] {null, "none"});
    }

    @Test
    void leftJoinKeepsEveryLeftRowAndCountsOrphansOfBothSides() {
        HashJoin join = HashJoin.builder(purchases(), customers()).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("c1|10|gold", "c2|20|silver", "c1|30|gold", "null|40|null", "c9|50|null"), rows(rows));
            JoinReport r = rows.report();
            assertEquals(new JoinReport.Side(5, 3, 2, 1, 0, 0), r.leftSide());
            assertEquals(new JoinReport.Side(4, 2, 2, 1, 0, 0), r.rightSide());
            assertEquals(5, r.outputRows());
        }
    }

    @Test
    void fullJoinOutputsOrphansOfBothSidesWithTheKeyFromTheSideThatHasIt() {
        HashJoin join = HashJoin.builder(purchases(), customers()).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.FULL).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("c1|10|gold", "c2|20|silver", "c1|30|gold", "null|40|null", "c9|50|null",
                    "c3|null|bronze", "null|null|none"), rows(rows));
            assertFalse(join.schema().field("customer_id").orElseThrow().required());
        }
    }

    @Test
    void innerJoinOutputsOnlyMatches() {
        HashJoin join = HashJoin.builder(purchases(), customers()).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.INNER).buildSide(HashJoin.BuildSide.LEFT).build();
        try (JoinedRows rows = join.run(allocator)) {
            List<String> out = new ArrayList<>(rows(rows));
            out.sort(null);
            assertEquals(List.of("c1|10|gold", "c1|30|gold", "c2|20|silver"), out);
            assertEquals(3, rows.report().outputRows());
        }
    }

    @Test
    void refusesDuplicateKeyOnTheOneSideNamingCountsNotValues() {
        Dataset customers = dataset("customers", CUSTOMERS, new Object[] {"c1", "gold"},
                new Object[] {"c1", "silver"}, new Object[] {"c2", "x"});
        HashJoin join = HashJoin.builder(purchases(), customers).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT).build();
        JoinRefusedException e = assertThrows(JoinRefusedException.class, () -> join.run(allocator).close());
        assertTrue(e.getMessage().contains("1 keys occur more than once on the right side 'customers' (2 rows)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("c1"), e.getMessage());
        assertEquals(1, e.duplicateKeys());
    }

    @Test
    void refusesAKeyRepeatedOnTheProbeSideDeclaredOneWhenItMatches() {
        Dataset once = dataset("customers", CUSTOMERS, new Object[] {"c1", "gold"});
        HashJoin join = HashJoin.builder(customers(), purchases()).on(CUSTOMER)
                .cardinality(Cardinality.ONE_TO_ONE).type(JoinType.INNER).buildSide(HashJoin.BuildSide.LEFT).build();
        JoinRefusedException e = assertThrows(JoinRefusedException.class, () -> join.run(allocator).close());
        assertTrue(e.getMessage().contains("1 keys occur more than once on the right side 'purchases' (2 rows)"),
                e.getMessage());
        HashJoin fine = HashJoin.builder(once, purchases()).on(CUSTOMER)
                .cardinality(Cardinality.ONE_TO_MANY).type(JoinType.INNER).buildSide(HashJoin.BuildSide.LEFT).build();
        try (JoinedRows rows = fine.run(allocator)) {
            assertEquals(List.of("c1|gold|10", "c1|gold|30"), rows(rows));
        }
    }

    @Test
    void keepsARepeatedKeyTheOtherSideLacksAsOrphansSinceItFansNothingOut() {
        Dataset customers = dataset("customers", CUSTOMERS, new Object[] {"c7", "gold"},
                new Object[] {"c7", "silver"}, new Object[] {"c2", "x"});
        HashJoin join = HashJoin.builder(purchases(), customers).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.FULL).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("c1|10|null", "c2|20|x", "c1|30|null", "null|40|null", "c9|50|null",
                    "c7|null|gold", "c7|null|silver"), rows(rows));
            assertEquals(new JoinReport.Side(3, 1, 2, 0, 0, 0), rows.report().rightSide());
        }
    }

    @Test
    void joinsOnAMultiColumnKeyOfMixedTypes() {
        ConformedKey schoolDay = ConformedKey.builder("school-day").part("school", LogicalType.INT32)
                .part("day", LogicalType.STRING).build();
        Schema events = Schema.of(Field.builder("school_id", LogicalType.INT32).conformedKey("school-day.school").build(),
                Field.builder("date", LogicalType.STRING).conformedKey("school-day.day").build(),
                Field.of("absent", LogicalType.INT32, false));
        Schema days = Schema.of(Field.builder("school", LogicalType.INT32).conformedKey("school-day.school").build(),
                Field.builder("day", LogicalType.STRING).conformedKey("school-day.day").build(),
                Field.of("open", LogicalType.BOOLEAN, false));
        Dataset left = dataset("events", events, new Object[] {1, "mon", 3}, new Object[] {1, "tue", 4},
                new Object[] {2, "mon", 5}, new Object[] {null, "mon", 6});
        Dataset right = dataset("days", days, new Object[] {1, "mon", true}, new Object[] {2, "tue", false},
                new Object[] {1, "tue", false});
        HashJoin join = HashJoin.builder(left, right).on(schoolDay).cardinality(Cardinality.MANY_TO_ONE)
                .type(JoinType.LEFT).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("1|mon|3|true", "1|tue|4|false", "2|mon|5|null", "null|mon|6|null"), rows(rows));
            assertEquals(new JoinReport.Side(3, 2, 1, 0, 0, 0), rows.report().rightSide());
        }
    }

    @Test
    void joinsIntegerKeysIndexedDirectlyByValueWithOrphansBelowAndAboveTheirRange() {
        Schema facts = FACTS_BY_ID;
        Schema dims = NAMES_BY_ID;
        Dataset left = dataset("facts", facts, new Object[] {5L, 1}, new Object[] {9L, 2}, new Object[] {4L, 3},
                new Object[] {10L, 4}, new Object[] {null, 5}, new Object[] {-3L, 6}, new Object[] {7L, 7});
        Dataset right = dataset("dims", dims, new Object[] {5L, "five"}, new Object[] {6L, "six"},
                new Object[] {7L, "seven"}, new Object[] {9L, "nine"});
        HashJoin join = HashJoin.builder(left, right).on(ConformedKey.of("id", LogicalType.INT64))
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.FULL).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("5|1|five", "9|2|nine", "4|3|null", "10|4|null", "null|5|null", "-3|6|null",
                    "7|7|seven", "6|null|six"), rows(rows));
            assertEquals(new JoinReport.Side(7, 3, 4, 1, 0, 0), rows.report().leftSide());
        }
    }

    @Test
    void joinsConsecutiveIntegerKeysInKeyOrderOrNotWithOrphansJustOutsideTheirRange() {
        Schema facts = FACTS_BY_ID;
        Schema dims = NAMES_BY_ID;
        Object[][] factRows = {{5L, 1}, {9L, 2}, {4L, 3}, {8L, 4}, {null, 5}, {7L, 6}, {6L, 7}};
        // the first build side holds its keys in ascending order (ids are offsets), the second does not
        List<Object[][]> builds = List.of(
                new Object[][] {{5L, "five"}, {6L, "six"}, {7L, "seven"}, {8L, "eight"}},
                new Object[][] {{6L, "six"}, {5L, "five"}, {8L, "eight"}, {7L, "seven"}});
        for (Object[][] build : builds) {
            HashJoin join = HashJoin.builder(dataset("facts", facts, factRows), dataset("dims", dims, build))
                    .on(ConformedKey.of("id", LogicalType.INT64)).cardinality(Cardinality.MANY_TO_ONE)
                    .type(JoinType.LEFT).build();
            try (JoinedRows rows = join.run(allocator)) {
                assertEquals(List.of("5|1|five", "9|2|null", "4|3|null", "8|4|eight", "null|5|null", "7|6|seven",
                        "6|7|six"), rows(rows));
                assertEquals(new JoinReport.Side(7, 4, 3, 1, 0, 0), rows.report().leftSide());
            }
        }
    }

    @Test
    void sharesTheProbeColumnsOfABatchWhoseRowsAllMatchInOrderAndCopiesThoseOfOneWithAnOrphan() {
        Schema facts = FACTS_BY_ID;
        Schema dims = NAMES_BY_ID;
        Dataset dimension = dataset("dims", dims, new Object[] {5L, "five"}, new Object[] {6L, "six"},
                new Object[] {7L, "seven"});
        // the facts' first batch matches row for row, the second has an orphan (9)
        Dataset fact = Dataset.of("facts", facts, List.of(batch(facts, new Object[] {7L, 1}, new Object[] {5L, null},
                new Object[] {5L, 3}), batch(facts, new Object[] {6L, 4}, new Object[] {9L, 5})));
        HashJoin join = HashJoin.builder(fact, dimension).on(ConformedKey.of("id", LogicalType.INT64))
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.INNER).build();
        List<Boolean> shared = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try (JoinedRows rows = join.run(allocator); BatchCursor joined = rows.open(); BatchCursor probe = fact.open()) {
            while (joined.next() && probe.next()) {
                VectorSchemaRoot b = joined.batch();
                shared.add(b.getVector("amount").getDataBuffer().memoryAddress()
                        == probe.batch().getVector("amount").getDataBuffer().memoryAddress());
                for (int i = 0; i < b.getRowCount(); i++) {
                    out.add(b.getVector("customer").getObject(i) + "|" + b.getVector("amount").getObject(i) + "|"
                            + b.getVector("name").getObject(i));
                }
            }
            assertEquals(new JoinReport.Side(5, 4, 1, 0, 0, 0), rows.report().leftSide());
        }
        assertEquals(List.of(true, false), shared);
        assertEquals(List.of("7|1|seven", "5|null|five", "5|3|five", "6|4|six"), out);
    }

    @Test
    void writesZeroUnderEveryNullOfAJoinedColumnNeverStaleMemory() {
        Schema facts = FACTS_BY_ID;
        Schema dims = Schema.of(Field.builder("id", LogicalType.INT64).conformedKey("id").build(),
                Field.of("score", LogicalType.INT64, false));
        Object[][] factRows = new Object[2000][];
        for (int i = 0; i < factRows.length; i++) {
            factRows[i] = new Object[] {(long) (i % 7), i};
        }
        Dataset fact = dataset("facts", facts, factRows);
        Dataset dimension = dataset("dims", dims, new Object[] {1L, 10L}, new Object[] {2L, 20L});
        // memory freed with every byte set, of the output columns' size, which they may be given again
        List<ArrowBuf> dirty = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            dirty.add(allocator.buffer(8L * factRows.length));
            dirty.get(i).setOne(0, dirty.get(i).capacity());
        }
        dirty.forEach(ArrowBuf::close);
        HashJoin join = HashJoin.builder(fact, dimension).on(ConformedKey.of("id", LogicalType.INT64))
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT).build();
        long nulls = 0;
        try (JoinedRows rows = join.run(allocator); BatchCursor cursor = rows.open()) {
            while (cursor.next()) {
                BigIntVector score = (BigIntVector) cursor.batch().getVector("score");
                for (int i = 0; i < score.getValueCount(); i++) {
                    if (score.isNull(i)) {
                        nulls++;
                        assertEquals(0L, score.getDataBuffer().getLong(8L * i), "row " + i);
                    }
                }
            }
        }
        assertEquals(2000 - 2 * 286, nulls);
    }

    private VectorSchemaRoot batch(Schema schema, Object[]... rows) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> m = new HashMap<>();
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null) {
                    m.put(schema.fields().get(c).name(), row[c]);
                }
            }
            maps.add(m);
        }
        VectorSchemaRoot b = BatchBuilder.fromRows(schema, maps, allocator);
        batches.add(b);
        return b;
    }

    @Test
    void boundsTheBuildSideOnlyNotTheOutputBatchesTheConsumerReads() {
        Object[][] many = new Object[70_000][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new Object[] {"c" + (i % 3), (long) i};
        }
        Dataset bigProbe = dataset("purchases", PURCHASES, many);
        Dataset oneCustomer = dataset("customers", CUSTOMERS, new Object[] {"c1", "gold"});
        HashJoin join = HashJoin.builder(bigProbe, oneCustomer).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE)
                .type(JoinType.LEFT).buildSide(HashJoin.BuildSide.RIGHT).memoryLimit(400_000).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(70_000, rows.countRows());
            assertEquals(new JoinReport.Side(70_000, 23_333, 46_667, 0, 0, 0), rows.report().leftSide());
        }
    }

    @Test
    void failsNamingTheLimitWhenTheBuildSideDoesNotFitItsMemory() {
        HashJoin join = HashJoin.builder(purchases(), customers()).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE)
                .type(JoinType.LEFT).buildSide(HashJoin.BuildSide.RIGHT).memoryLimit(1000).build();
        JoinMemoryException e = assertThrows(JoinMemoryException.class, () -> join.run(allocator).close());
        assertTrue(e.getMessage().contains("the build side 'customers' does not fit the join's memory limit of 1000 "
                + "bytes"), e.getMessage());
    }

    @Test
    void quarantinesEveryRowOfADuplicatedKeySoNothingIsCountedTwice() {
        Dataset customers = dataset("customers", CUSTOMERS, new Object[] {"c1", "gold"},
                new Object[] {"c1", "silver"}, new Object[] {"c2", "x"});
        List<RejectedRow> rejected = new ArrayList<>();
        HashJoin join = HashJoin.builder(purchases(), customers).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT)
                .onDuplicate(OnDuplicateKey.QUARANTINE).rejects(rejected::add).build();
        try (JoinedRows rows = join.run(allocator)) {
            assertEquals(List.of("c2|20|x", "null|40|null", "c9|50|null"), rows(rows));
            JoinReport r = rows.report();
            assertEquals(new JoinReport.Side(5, 1, 2, 1, 2, 0), r.leftSide());
            assertEquals(new JoinReport.Side(3, 1, 0, 0, 2, 1), r.rightSide());
            assertEquals(4, rejected.size());
            assertEquals(r.leftSide().rows(), r.outputRows() + r.leftSide().quarantined());
        }
    }

    @Test
    void refusesCollidingColumnsUnlessQualified() {
        Schema other = Schema.of(Field.builder("cid", LogicalType.STRING).conformedKey("customer").build(),
                Field.of("amount", LogicalType.INT64, false));
        Dataset right = dataset("refunds", other, new Object[] {"c1", 5L});
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> HashJoin
                .builder(purchases(), right).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT)
                .build());
        assertTrue(e.getMessage().contains("both sides have columns [amount]"), e.getMessage());
        HashJoin join = HashJoin.builder(purchases(), right).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE)
                .type(JoinType.LEFT).collisions(Collisions.QUALIFY).build();
        assertEquals(List.of("customer_id", "purchases_amount", "refunds_amount"), join.schema().fieldNames());
    }

    @Test
    void refusesAKeyFieldOfAnotherTypeNamingSideAndField() {
        Schema other = Schema.of(Field.builder("cid", LogicalType.INT64).conformedKey("customer").build());
        Dataset right = dataset("refunds", other, new Object[] {1L});
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> HashJoin
                .builder(purchases(), right).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT)
                .build());
        assertTrue(e.getMessage().contains("right side 'refunds', field 'cid' conforms to key 'customer' but has type "
                + "int64; the key's type is string"), e.getMessage());
    }

    @Test
    void requiresCardinalityAndTypeToBeDeclared() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> HashJoin.builder(purchases(), customers()).on(CUSTOMER).build());
        assertEquals(2, e.problems().size(), e.problems().toString());
    }
}

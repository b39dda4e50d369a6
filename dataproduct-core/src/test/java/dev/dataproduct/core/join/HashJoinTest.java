package dev.dataproduct.core.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashJoinTest {
    static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.STRING);

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
        return Dataset.of(name, schema, List.of(b));
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
        Dataset customers = dataset("customers", CUSTOMERS, new Object[] {"secret-1", "gold"},
                new Object[] {"secret-1", "silver"}, new Object[] {"c2", "x"});
        HashJoin join = HashJoin.builder(purchases(), customers).on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT).build();
        JoinRefusedException e = assertThrows(JoinRefusedException.class, () -> join.run(allocator).close());
        assertTrue(e.getMessage().contains("1 keys occur more than once on the right side 'customers' (2 rows)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret-1"), e.getMessage());
        assertEquals(1, e.duplicateKeys());
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

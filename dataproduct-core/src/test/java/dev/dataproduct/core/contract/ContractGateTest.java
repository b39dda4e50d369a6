package dev.dataproduct.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.ContractViolationException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractGateTest {
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close(); // throws if the gate or a test leaked a buffer
    }

    private VectorSchemaRoot batch(Schema schema, Object[]... rows) {
        try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            for (Object[] row : rows) {
                b.addRow(row);
            }
            return b.build();
        }
    }

    private static Object[] row(Object... values) {
        return values;
    }

    /** A dataset with a required key {@code id} and one more field {@code v}. */
    private static DatasetSpec spec(LogicalType type, Consumer<Field.Builder> config) {
        return DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.required())
                .field("v", type, config)
                .build();
    }

    private static Schema schemaOf(LogicalType type) {
        return Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("v", type, false));
    }

    /** Checks rows {@code id, v} and returns, per rejected row, "id:field:rule" of every violation. */
    private List<String> rejectedRules(DatasetSpec spec, LogicalType batchType, Object[]... rows) {
        try (VectorSchemaRoot b = batch(schemaOf(batchType), rows);
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
            List<String> out = new ArrayList<>();
            for (RejectedRow r : outcome.rejected()) {
                assertEquals("items", r.dataset());
                for (Violation v : r.violations()) {
                    assertFalse(v.message().isBlank(), "a violation says what was wrong");
                    out.add(r.values().get("id") + ":" + v.field() + ":" + v.rule());
                }
            }
            assertEquals(rows.length - outcome.rejected().size(), outcome.conforming().getRowCount());
            return out;
        }
    }

    // ---- one rule at a time ----------------------------------------------------------------------

    @Test
    void requiredRejectsOnlyRowsWithoutAValue() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> f.required());
        assertEquals(List.of("b:v:required"),
                rejectedRules(spec, LogicalType.STRING, row("a", "x"), row("b", null), row("c", "")));
    }

    @Test
    void minimumRejectsValuesBelowItAndKeepsTheBoundItself() {
        DatasetSpec spec = spec(LogicalType.INT32, f -> f.minimum(10));
        assertEquals(List.of("a:v:minimum"),
                rejectedRules(spec, LogicalType.INT32, row("a", 9), row("b", 10), row("c", 11)));
    }

    @Test
    void maximumRejectsValuesAboveItAndKeepsTheBoundItself() {
        DatasetSpec spec = spec(LogicalType.decimal(6, 2), f -> f.maximum(new BigDecimal("99.99")));
        assertEquals(List.of("c:v:maximum"), rejectedRules(spec, LogicalType.decimal(6, 2),
                row("a", new BigDecimal("-5.00")), row("b", new BigDecimal("99.99")), row("c", new BigDecimal("100.00"))));
    }

    @Test
    void dateBoundsAreComparedAsDates() {
        DatasetSpec spec = spec(LogicalType.DATE, f -> f.minimum("2024-01-01").maximum(LocalDate.of(2024, 12, 31)));
        assertEquals(List.of("a:v:minimum", "d:v:maximum"), rejectedRules(spec, LogicalType.DATE,
                row("a", LocalDate.of(2023, 12, 31)), row("b", LocalDate.of(2024, 1, 1)),
                row("c", LocalDate.of(2024, 12, 31)), row("d", LocalDate.of(2025, 1, 1))));
    }

    @Test
    void minLengthAndMaxLengthCountCharacters() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> f.length(2, 3));
        assertEquals(List.of("a:v:min_length", "d:v:max_length"), rejectedRules(spec, LogicalType.STRING,
                row("a", "x"), row("b", "xy"), row("c", "xyz"), row("d", "wxyz"), row("e", "äöü")));
    }

    @Test
    void lengthBoundsCountArrayElements() {
        LogicalType tags = LogicalType.arrayOf(LogicalType.STRING);
        DatasetSpec spec = spec(tags, f -> f.length(1, 2));
        assertEquals(List.of("a:v:min_length", "c:v:max_length"), rejectedRules(spec, tags,
                row("a", List.of()), row("b", List.of("x", "y")), row("c", List.of("x", "y", "z"))));
    }

    @Test
    void rejectsAValueWhosePatternCannotBeDecidedWithTheReasonAndGoesOn() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> f.pattern("(a|ab)*c"));
        String deep = "a".repeat(50_000);         // recursion deeper than the stack
        String exponential = "a".repeat(30) + "b";  // (.*a){12}: exponential backtracking
        DatasetSpec spec2 = spec(LogicalType.STRING, f -> f.pattern("(.*a){12}"));
        for (Object[] c : new Object[][] {{spec, deep, "ac"}, {spec2, exponential, "a".repeat(12)}}) {
            try (VectorSchemaRoot b = batch(schemaOf(LogicalType.STRING), row("a", c[1]), row("b", c[2]),
                    row("c", null));
                 ContractGate.Outcome outcome = new ContractGate((DatasetSpec) c[0]).check(b, allocator, 0)) {
                assertEquals(2, outcome.conforming().getRowCount());
                assertEquals(1, outcome.rejected().size());
                String message = outcome.rejected().get(0).violations().get(0).message();
                assertTrue(message.contains("could not be checked") && message.contains("could not be evaluated"),
                        message);
            }
        }
    }

    @Test
    void patternMustMatchTheWholeValue() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> f.pattern("SKU-\\d{3}"));
        assertEquals(List.of("b:v:pattern", "c:v:pattern"), rejectedRules(spec, LogicalType.STRING,
                row("a", "SKU-123"), row("b", "SKU-1234"), row("c", "my SKU-123")));
    }

    @Test
    void allowedValuesRejectAnythingElse() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> f.allowedValues("new", "done"));
        assertEquals(List.of("c:v:allowed_values", "d:v:allowed_values"), rejectedRules(spec, LogicalType.STRING,
                row("a", "new"), row("b", "done"), row("c", "NEW"), row("d", "")));
        DatasetSpec numbers = spec(LogicalType.INT16, f -> f.allowedValues("1", "2"));
        assertEquals(List.of("c:v:allowed_values"),
                rejectedRules(numbers, LogicalType.INT16, row("a", 1), row("b", 2), row("c", 3)));
    }

    @Test
    void nullPassesEveryConstraintButRequired() {
        DatasetSpec strings = spec(LogicalType.STRING,
                f -> f.length(2, 3).pattern("[a-z]+").allowedValues("ab", "abc"));
        assertEquals(List.of(), rejectedRules(strings, LogicalType.STRING, row("a", null), row("b", "ab")));
        DatasetSpec numbers = spec(LogicalType.INT64, f -> f.range(1, 5));
        assertEquals(List.of(), rejectedRules(numbers, LogicalType.INT64, row("a", null)));
        DatasetSpec required = spec(LogicalType.INT64, f -> f.required().range(1, 5));
        assertEquals(List.of("a:v:required"), rejectedRules(required, LogicalType.INT64, row("a", null)));
    }

    @Test
    void aRowBreakingSeveralRulesReportsEachOnceWithMessages() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.required())
                .field("code", LogicalType.STRING, f -> f.length(3, 3).pattern("[A-Z]+"))
                .field("qty", LogicalType.INT32, f -> f.range(1, 10))
                .build();
        Schema s = Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("code", LogicalType.STRING, false),
                Field.of("qty", LogicalType.INT32, false));
        try (VectorSchemaRoot b = batch(s, row("ok", "ABC", 5), row(null, "ab12", 0));
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 7)) {
            assertEquals(1, outcome.conforming().getRowCount());
            RejectedRow r = outcome.rejected().get(0);
            assertEquals("batch 7, row 1", r.origin());
            assertEquals(List.of("id:required", "code:max_length", "code:pattern", "qty:minimum"),
                    r.violations().stream().map(v -> v.field() + ":" + v.rule()).toList());
            assertEquals("no value, expected a value", r.violations().get(0).message());
            assertEquals("'ab12' is not length <= 3", r.violations().get(1).message());
            assertTrue(r.violations().get(2).message().contains("[A-Z]+"), r.violations().get(2).message());
            assertEquals("'0' is not >= 1", r.violations().get(3).message());
            // the original values, as text, without the missing one
            assertEquals(Map.of("code", "ab12", "qty", "0"), r.values());
        }
    }

    // ---- type conversion -------------------------------------------------------------------------

    @Test
    void anInt64ValueTooLargeForInt32QuarantinesOnlyItsRowAsAType() {
        DatasetSpec spec = spec(LogicalType.INT32, f -> { });
        Schema s = schemaOf(LogicalType.INT64);
        try (VectorSchemaRoot b = batch(s, row("a", 5L), row("b", 3_000_000_000L), row("c", -2_147_483_648L));
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
            assertEquals(1, outcome.rejected().size());
            RejectedRow r = outcome.rejected().get(0);
            assertEquals("batch 0, row 1", r.origin());
            assertEquals(1, r.violations().size());
            Violation v = r.violations().get(0);
            assertEquals("v", v.field());
            assertEquals("type", v.rule());
            assertTrue(v.message().contains("3000000000") && v.message().contains("int32"), v.message());
            assertEquals("3000000000", r.values().get("v"));

            FieldVector converted = outcome.conforming().getVector("v");
            assertInstanceOf(IntVector.class, converted);
            assertEquals(2, outcome.conforming().getRowCount());
            assertEquals(5L, VectorValues.get(converted, 0));
            assertEquals(-2_147_483_648L, VectorValues.get(converted, 1));
        }
    }

    @Test
    void aValueThatFailsToConvertIsReportedAsATypeProblemOnly() {
        // the converted value is missing, but the row is rejected for its type, not for being empty
        DatasetSpec spec = spec(LogicalType.INT32, f -> f.required().range(1, 10));
        assertEquals(List.of("b:v:type"), rejectedRules(spec, LogicalType.INT64, row("a", 5L),
                row("b", 3_000_000_000L)));
    }

    @Test
    void aDateEmittedAsTextIsADefinitionErrorNamingProductDatasetFieldAndBothTypes() {
        // text is not a close type of a date: read dates as dates in the input port, not in the gate
        DatasetSpec spec = spec(LogicalType.DATE, f -> f.minimum("2024-01-01"));
        try (VectorSchemaRoot b = batch(schemaOf(LogicalType.STRING), row("a", "2024-01-31"), row("b", "31.01.2024"))) {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> new ContractGate(spec, "urn:dataproduct:retail:items").check(b, allocator, 0));
            String m = e.getMessage();
            for (String part : List.of("urn:dataproduct:retail:items", "'items'", "'v'", "Utf8", "Date(DAY)", "date",
                    "string")) {
                assertTrue(m.contains(part), "'" + part + "' missing in: " + m);
            }
        }
    }

    @Test
    void aNumberEmittedForATextFieldIsADefinitionError() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> { });
        try (VectorSchemaRoot b = batch(schemaOf(LogicalType.INT64), row("a", 5L))) {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> new ContractGate(spec).check(b, allocator, 0));
            assertTrue(e.getMessage().contains("Int(64, true)") && e.getMessage().contains("Utf8"), e.getMessage());
        }
    }

    @Test
    void integersAreConvertedToDecimalsAtTheContractScale() {
        DatasetSpec spec = spec(LogicalType.decimal(5, 2), f -> { });
        Schema s = schemaOf(LogicalType.INT32);
        try (VectorSchemaRoot b = batch(s, row("a", 5), row("b", 1234), row("c", -7));
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
            // 1234.00 needs 6 digits, more than decimal(5,2) holds
            assertEquals(List.of("b"), outcome.rejected().stream().map(r -> r.values().get("id")).toList());
            assertEquals("type", outcome.rejected().get(0).violations().get(0).rule());
            DecimalVector v = assertInstanceOf(DecimalVector.class, outcome.conforming().getVector("v"));
            assertEquals(new BigDecimal("5.00"), v.getObject(0));
            assertEquals(new BigDecimal("-7.00"), v.getObject(1));
        }
    }

    @Test
    void aColumnOfATypeThatCannotBeConvertedIsADefinitionError() {
        DatasetSpec spec = spec(LogicalType.DATE, f -> { });
        try (VectorSchemaRoot b = batch(schemaOf(LogicalType.BOOLEAN), row("a", true))) {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> new ContractGate(spec).check(b, allocator, 0));
            assertTrue(e.getMessage().contains("'v'") && e.getMessage().contains("boolean")
                    && e.getMessage().contains("date"), e.getMessage());
        }
    }

    @Test
    void aMissingColumnThrowsNamingItAndWhatWasEmitted() {
        DatasetSpec spec = spec(LogicalType.STRING, f -> { });
        Schema s = Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("other", LogicalType.STRING, false));
        try (VectorSchemaRoot b = batch(s, row("a", "x"))) {
            ContractViolationException e = assertThrows(ContractViolationException.class,
                    () -> new ContractGate(spec).check(b, allocator, 0));
            assertTrue(e.getMessage().contains("'v'"), e.getMessage());
            assertTrue(e.getMessage().contains("[id, other]"), e.getMessage());
            assertTrue(e.getMessage().contains("items"), e.getMessage());
        }
    }

    @Test
    void aFailedConversionReleasesWhatTheGateAllocated() {
        // the first column converts, the second cannot: the converted vector must not leak
        DatasetSpec spec = DatasetSpec.named("items")
                .field("n", LogicalType.INT32)
                .field("day", LogicalType.DATE)
                .build();
        Schema s = Schema.of(Field.of("n", LogicalType.INT64, false), Field.of("day", LogicalType.BOOLEAN, false));
        try (BufferAllocator gateAllocator = allocator.newChildAllocator("gate", 0, Long.MAX_VALUE);
             VectorSchemaRoot b = batch(s, row(1L, true))) {
            assertThrows(InvalidDefinitionException.class, () -> new ContractGate(spec).check(b, gateAllocator, 0));
            assertEquals(0, gateAllocator.getAllocatedMemory());
        }
    }

    // ---- primary key -----------------------------------------------------------------------------

    /** Checks batches with one gate and returns "origin: message" of each rejected row. */
    private List<String> rejectedOverBatches(DatasetSpec spec, Schema schema, Object[][]... batches) {
        ContractGate gate = new ContractGate(spec);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batches.length; i++) {
            try (VectorSchemaRoot b = batch(schema, batches[i]);
                 ContractGate.Outcome outcome = gate.check(b, allocator, i)) {
                for (RejectedRow r : outcome.rejected()) {
                    for (Violation v : r.violations()) {
                        out.add(r.origin() + ": " + v.rule() + " " + v.message());
                    }
                }
                assertEquals(batches[i].length - outcome.rejected().size(), outcome.conforming().getRowCount());
            }
        }
        return out;
    }

    @Test
    void aPrimaryKeySeenInAnEarlierRowOfTheRunRejectsTheLaterRowNamingTheKeyAndTheFirstOrigin() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.primaryKey())
                .field("v", LogicalType.INT32)
                .build();
        Schema s = schemaOf(LogicalType.INT32);
        assertEquals(List.of(
                "batch 0, row 2: primary_key duplicate primary key id 'a', first seen at batch 0, row 0",
                "batch 1, row 0: primary_key duplicate primary key id 'b', first seen at batch 0, row 1",
                "batch 1, row 2: primary_key duplicate primary key id 'a', first seen at batch 0, row 0"),
                rejectedOverBatches(spec, s,
                        new Object[][] {row("a", 1), row("b", 2), row("a", 3)},
                        new Object[][] {row("b", 4), row("c", 5), row("a", 6)}));
    }

    @Test
    void aCompositeKeyIsUniqueAsAWholeAndItsPartsDoNotRunTogether() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("a", LogicalType.STRING)
                .field("b", LogicalType.STRING)
                .primaryKey("a", "b")
                .build();
        Schema s = Schema.of(Field.of("a", LogicalType.STRING, false), Field.of("b", LogicalType.STRING, false));
        assertEquals(List.of("batch 1, row 0: primary_key duplicate primary key a 'x', b 'y', first seen at batch 0, row 0"),
                rejectedOverBatches(spec, s,
                        new Object[][] {row("x", "y"), row("x", "z"), row("ab", "c"), row("a", "bc")},
                        new Object[][] {row("x", "y"), row("y", "x")}));
    }

    @Test
    void aRowRejectedForAnotherRuleDoesNotClaimItsKey() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.primaryKey())
                .field("v", LogicalType.INT32, f -> f.maximum(10))
                .build();
        assertEquals(List.of("batch 0, row 0: maximum '50' is not <= 10"),
                rejectedOverBatches(spec, schemaOf(LogicalType.INT32), new Object[][] {row("a", 50), row("a", 5)}));
    }

    @Test
    void aDuplicateKeyOfAClassifiedFieldIsReportedWithoutItsValue() {
        DatasetSpec spec = DatasetSpec.named("people")
                .field("ssn", LogicalType.STRING, f -> f.primaryKey().classification(Classification.RESTRICTED))
                .field("v", LogicalType.INT32)
                .build();
        Schema s = Schema.of(Field.of("ssn", LogicalType.STRING, false), Field.of("v", LogicalType.INT32, false));
        List<String> rejected = rejectedOverBatches(spec, s, new Object[][] {row("123-45-6789", 1)},
                new Object[][] {row("123-45-6789", 2)});
        assertEquals(List.of("batch 1, row 0: primary_key duplicate primary key ssn (a restricted value), first seen at "
                + "batch 0, row 0"), rejected);
    }

    @Test
    void keysStayDistinctWhileTheIndexGrows() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.primaryKey())
                .field("v", LogicalType.INT32)
                .build();
        long seed = new java.util.Random().nextLong();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        Object[][] rows = new Object[5000][];
        int duplicates = 0;
        for (int i = 0; i < rows.length; i++) {
            String id = Integer.toString(random.nextInt(4000));
            duplicates += seen.add(id) ? 0 : 1;
            rows[i] = row(id, i);
        }
        assertEquals(duplicates, rejectedOverBatches(spec, schemaOf(LogicalType.INT32), rows).size(),
                "seed " + seed);
    }

    // ---- sensitive values ------------------------------------------------------------------------

    @Test
    void valuesOfSensitiveFieldsNeverAppearInViolationMessages() {
        DatasetSpec spec = DatasetSpec.named("people")
                .field("id", LogicalType.STRING, f -> f.required())
                .field("ssn", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED)
                        .pattern("\\d{3}-\\d{2}-\\d{4}").maxLength(11))
                .field("salary", LogicalType.INT32, f -> f.classification(Classification.CONFIDENTIAL).maximum(500_000))
                .build();
        Schema s = Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("ssn", LogicalType.STRING, false),
                Field.of("salary", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row("p1", "123-45-678X99", 9_876_543_210L), row("p2", "987-65-4321", 750_123L));
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
            assertEquals(2, outcome.rejected().size());
            List<Violation> all = new ArrayList<>();
            outcome.rejected().forEach(r -> all.addAll(r.violations()));
            // type problems are found while converting, before the rules run
            assertEquals(List.of("salary:type", "ssn:max_length", "ssn:pattern", "salary:maximum"),
                    all.stream().map(v -> v.field() + ":" + v.rule()).toList());
            for (Violation v : all) {
                for (String secret : List.of("123-45-678X99", "9876543210", "750123", "987-65-4321")) {
                    assertFalse(v.message().contains(secret), v + " shows a sensitive value");
                }
                assertTrue(v.message().contains("restricted value") || v.message().contains("confidential value"),
                        v.message());
            }
        }
    }

    // ---- shape of the conforming rows ------------------------------------------------------------

    @Test
    void theConformingRowsFollowTheContractsColumnOrderAndDropExtraColumns() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.required())
                .field("qty", LogicalType.INT32, f -> f.minimum(1))
                .build();
        Schema s = Schema.of(Field.of("qty", LogicalType.INT32, false), Field.of("note", LogicalType.STRING, false),
                Field.of("id", LogicalType.STRING, false));
        for (boolean withRejects : List.of(false, true)) {
            try (VectorSchemaRoot b = batch(s, row(3, "n1", "a"), row(withRejects ? 0 : 4, "n2", "b"));
                 ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
                VectorSchemaRoot ok = outcome.conforming();
                assertEquals(spec.schema().toArrow(), ok.getSchema());
                assertEquals(List.of("id", "qty"), ok.getSchema().getFields().stream().map(f -> f.getName()).toList());
                assertEquals(withRejects ? 1 : 2, ok.getRowCount());
                assertEquals("a", VectorValues.get(ok.getVector("id"), 0));
                assertEquals(3L, VectorValues.get(ok.getVector("qty"), 0));
                if (withRejects) {
                    // the rejected row keeps the extra column's value
                    assertEquals(Map.of("qty", "0", "note", "n2", "id", "b"), outcome.rejected().get(0).values());
                }
            }
        }
    }

    @Test
    void aBatchThatAlreadyConformsPassesThroughUnchanged() {
        DatasetSpec spec = spec(LogicalType.INT64, f -> f.minimum(0));
        try (VectorSchemaRoot b = batch(schemaOf(LogicalType.INT64), row("a", 1L), row("b", 2L));
             ContractGate.Outcome outcome = new ContractGate(spec).check(b, allocator, 0)) {
            assertTrue(outcome.rejected().isEmpty());
            assertEquals(2, outcome.conforming().getRowCount());
            assertEquals(2L, VectorValues.get(outcome.conforming().getVector("v"), 1));
        }
    }

    @Test
    void closingTheOutcomeReleasesEverythingTheGateAllocated() {
        DatasetSpec spec = spec(LogicalType.INT32, f -> f.maximum(10));
        try (BufferAllocator gateAllocator = allocator.newChildAllocator("gate", 0, Long.MAX_VALUE);
             VectorSchemaRoot b = batch(schemaOf(LogicalType.INT64), row("a", 1L), row("b", 11L), row("c", 1L << 40))) {
            ContractGate.Outcome outcome = new ContractGate(spec).check(b, gateAllocator, 0);
            assertEquals(2, outcome.rejected().size());
            assertTrue(gateAllocator.getAllocatedMemory() > 0, "the converted and conforming rows live in it");
            outcome.close();
            assertEquals(0, gateAllocator.getAllocatedMemory());
            // the caller's batch is untouched
            assertEquals(3, b.getRowCount());
            assertEquals(1L << 40, VectorValues.get(b.getVector("v"), 2));
        }
    }

    @Test
    void rulesAreCompiledFromTheSchemaInFieldOrder() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("id", LogicalType.STRING, f -> f.required().pattern("[a-z]+"))
                .field("qty", LogicalType.INT32, f -> f.range(1, 9))
                .build();
        List<ContractRule> rules = new ContractGate(spec).rules();
        assertEquals(List.of("id:required", "id:pattern", "qty:minimum", "qty:maximum"),
                rules.stream().map(r -> r.field() + ":" + r.rule()).toList());
        assertEquals(">= 1", rules.get(2).expectation());
    }
}

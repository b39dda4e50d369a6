package dev.dataproduct.core.quality.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.ValueCount;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfilerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T06:00:00Z"), ZoneOffset.UTC);
    private static final List<String> STATUSES = List.of("open", "shipped", "cancelled");

    /** 1000 generated orders whose profile is known. */
    private static final DatasetSpec ORDERS = DatasetSpec.named("orders")
            .field("id", LogicalType.STRING)                    // ID-0000 .. ID-0999: unique
            .field("status", LogicalType.STRING)                // open, shipped, cancelled in turn
            .field("quantity", LogicalType.INT32)               // 1 .. 50 in turn
            .field("email", LogicalType.STRING)                 // null every 10th row, otherwise unique
            .field("price", LogicalType.FLOAT64)                // 0.5 * row: unique but a float
            .field("flag", LogicalType.BOOLEAN)                 // true every 4th row
            .field("secret", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED)) // a, b
            .field("tags", LogicalType.arrayOf(LogicalType.STRING)) // null every 7th row
            .build();

    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        batches.forEach(VectorSchemaRoot::close);
        allocator.close(); // fails the test on a leak
    }

    private Dataset orders(int rows, int... batchSizes) {
        int row = 0;
        for (int size : batchSizes) {
            try (BatchBuilder b = BatchBuilder.create(ORDERS.schema(), allocator)) {
                for (int i = 0; i < size && row < rows; i++, row++) {
                    b.addRow(String.format("ID-%04d", row), STATUSES.get(row % 3), row % 50 + 1,
                            row % 10 == 0 ? null : "user" + row + "@example.com", row * 0.5, row % 4 == 0,
                            row % 2 == 0 ? "a" : "b", row % 7 == 0 ? null : List.of("t" + row % 2));
                }
                batches.add(b.build());
            }
        }
        return Dataset.of("orders", ORDERS.schema(), batches);
    }

    @Test
    void profilesEveryColumnInOnePass() {
        DatasetProfile p = Profiler.profile(ORDERS, orders(1000, 400, 400, 200), CLOCK);
        assertEquals("orders", p.dataset());
        assertEquals(1000, p.rows());
        assertEquals(CLOCK.instant(), p.profiledAt());
        assertEquals(ORDERS.schema().fieldNames(), p.columns().stream().map(ColumnProfile::name).toList());

        ColumnProfile id = p.column("id").orElseThrow();
        assertEquals(0, id.nulls());
        assertEquals(1.0, id.completeness());
        assertEquals(1000, id.approxDistinct().orElseThrow(), 20);
        assertEquals(Optional.of(7), id.minLength());
        assertEquals(Optional.of(7), id.maxLength());
        assertFalse(id.isLowCardinality());
        assertEquals(Optional.empty(), id.min());

        ColumnProfile status = p.column("status").orElseThrow();
        assertEquals(List.of(new ValueCount("open", 334), new ValueCount("cancelled", 333),
                new ValueCount("shipped", 333)), status.topValues());
        assertEquals(Optional.of(3L), status.approxDistinct());
        assertEquals(Optional.of(4), status.minLength());
        assertEquals(Optional.of(9), status.maxLength());

        ColumnProfile quantity = p.column("quantity").orElseThrow();
        assertEquals(Optional.of(1.0), quantity.min());
        assertEquals(Optional.of(50.0), quantity.max());
        assertEquals(25.5, quantity.mean().orElseThrow(), 1e-9);
        assertEquals(50, quantity.approxDistinct().orElseThrow(), 1);
        assertFalse(quantity.isLowCardinality(), "50 distinct values are more than " + Profiler.TOP_VALUES);
        assertEquals(Optional.empty(), quantity.minLength());

        ColumnProfile email = p.column("email").orElseThrow();
        assertEquals(100, email.nulls());
        assertEquals(0.9, email.completeness(), 1e-12);

        ColumnProfile price = p.column("price").orElseThrow();
        assertEquals(Optional.of(0.0), price.min());
        assertEquals(Optional.of(499.5), price.max());

        ColumnProfile flag = p.column("flag").orElseThrow();
        assertEquals(List.of(new ValueCount("false", 750), new ValueCount("true", 250)), flag.topValues());

        ColumnProfile secret = p.column("secret").orElseThrow();
        assertEquals(List.of(), secret.topValues(), "values of a restricted field are not kept");
        assertEquals(2, secret.approxDistinct().orElseThrow());

        ColumnProfile tags = p.column("tags").orElseThrow();
        assertEquals(143, tags.nulls());
        assertEquals(Optional.empty(), tags.approxDistinct());
        assertEquals(List.of(), tags.topValues());
    }

    @Test
    void suggestsAllowedValuesInCodePointOrder() {
        Schema schema = Schema.of(Field.of("s", LogicalType.STRING, false));
        try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            for (int i = 0; i < 100; i++) {
                b.addRow(i % 2 == 0 ? "\uFFFF" : "\uD83D\uDE00");
            }
            batches.add(b.build());
        }
        DatasetProfile p = Profiler.profile("t", schema, Dataset.of("t", schema, batches), CLOCK);
        // U+FFFF sorts before U+1F600 by code point, though not by UTF-16 unit
        assertTrue(p.suggestChecks().contains(Check.allowedValues("s", "\uFFFF", "\uD83D\uDE00").noFailures()
                .on("t")), p.suggestChecks().toString());
    }

    @Test
    void suggestsTheChecksTheDataMeets() {
        Dataset data = orders(1000, 400, 400, 200);
        DatasetProfile p = Profiler.profile(ORDERS, data, CLOCK);
        List<Check> expected = List.of(
                Check.rowCount().atLeast(500),
                Check.nulls("id").noFailures(), Check.unique("id"),
                Check.nulls("status").noFailures(), Check.allowedValues("status", "cancelled", "open", "shipped")
                        .noFailures(),
                Check.nulls("quantity").noFailures(), Check.range("quantity", 1, 50).noFailures(),
                Check.nulls("price").noFailures(), Check.range("price", 0, 499.5).noFailures(),
                Check.nulls("flag").noFailures(),
                Check.nulls("secret").noFailures());
        List<Check> suggested = p.suggestChecks();
        assertEquals(expected.stream().map(c -> c.on("orders")).toList(), suggested);

        QualityReport report = QualityEngine.evaluate(QualityPlan.compile("orders", ORDERS.schema(), suggested), data,
                EvaluationContext.of(CLOCK));
        for (CheckResult r : report.results()) {
            assertEquals(Outcome.PASS, r.outcome(), r.message());
        }
    }

    @Test
    void suggestedChecksCatchDataThatDiffers() {
        DatasetProfile p = Profiler.profile(ORDERS, orders(1000, 1000), CLOCK);
        List<Check> suggested = p.suggestChecks();
        try (BatchBuilder b = BatchBuilder.create(ORDERS.schema(), allocator)) {
            b.addRow("ID-0001", "lost", 51, null, 1.0, true, "a", null);
            b.addRow("ID-0001", "open", 0, null, 1.0, null, null, null);
            batches.add(b.build());
        }
        Dataset odd = Dataset.of("orders", ORDERS.schema(), List.of(batches.get(batches.size() - 1)));
        QualityReport report = QualityEngine.evaluate(QualityPlan.compile("orders", ORDERS.schema(), suggested), odd,
                EvaluationContext.of(CLOCK));
        List<String> failed = report.failures().stream().map(CheckResult::name).sorted().toList();
        assertEquals(List.of("duplicateCount(id)", "invalidCount(quantity, in [1.0, 50.0])",
                "invalidCount(status, in [cancelled, open, shipped])", "nullCount(flag)", "nullCount(secret)",
                "rowCount"), failed);
    }

    @Test
    void suggestsNoClosedSetForAFewUniqueNamesNorUniquenessForAColumnWithNulls() {
        DatasetSpec people = DatasetSpec.named("people").field("name", LogicalType.STRING)
                .field("nick", LogicalType.STRING).field("age", LogicalType.INT64).build();
        try (BatchBuilder b = BatchBuilder.create(people.schema(), allocator)) {
            b.addRow("Ana", "a", 30L).addRow("Bo", null, 30L).addRow("Cy", "c", 41L).addRow("Di", "d", 52L);
            batches.add(b.build());
        }
        DatasetProfile p = Profiler.profile(people, Dataset.of("people", people.schema(), batches), CLOCK);
        assertEquals(4, p.column("name").orElseThrow().topValues().size());
        List<Check> suggested = p.suggestChecks();
        assertEquals(List.of(Check.rowCount().atLeast(2), Check.nulls("name").noFailures(), Check.unique("name"),
                Check.nulls("age").noFailures(), Check.range("age", 30, 52).noFailures())
                .stream().map(c -> c.on("people")).toList(), suggested);
    }

    @Test
    void profilesADatasetWithoutRows() {
        batches.add(BatchBuilder.create(ORDERS.schema(), allocator).build());
        DatasetProfile p = Profiler.profile(Dataset.of("orders", ORDERS.schema(), batches), CLOCK);
        assertEquals(0, p.rows());
        ColumnProfile quantity = p.column("quantity").orElseThrow();
        assertEquals(1.0, quantity.completeness());
        assertEquals(Optional.empty(), quantity.min());
        assertEquals(Optional.of(0L), quantity.approxDistinct());
        assertEquals(List.of(), p.suggestChecks());
        assertEquals(Map.of(), p.suggestRules());
    }

    @Test
    void keepsMemoryBoundedByForgettingValuesPastTheLimit() {
        Schema schema = Schema.of(Field.of("code", LogicalType.STRING, false));
        try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            for (int i = 0; i < 10_000; i++) {
                b.addRow("c" + i % (Profiler.TOP_VALUES + 1));
            }
            batches.add(b.build());
        }
        ColumnTally tally = new ColumnTally("code", true, false, Profiler.TOP_VALUES);
        tally.update(batches.get(0).getVector("code"), batches.get(0).getRowCount());
        assertEquals(List.of(), tally.values());
        assertFalse(tally.needed(), "past the limit the column is no longer read");
        DatasetProfile p = Profiler.profile("codes", schema, Dataset.of("codes", schema, batches), CLOCK);
        assertFalse(p.column("code").orElseThrow().isLowCardinality());
        assertEquals(21, p.column("code").orElseThrow().approxDistinct().orElseThrow());
    }

    @Test
    void suggestsTheSameAsOdcsRulesWithRangesAsSql() {
        DatasetProfile p = Profiler.profile(ORDERS, orders(1000, 1000), CLOCK);
        Map<String, List<QualityRule>> rules = p.suggestRules();
        assertEquals(List.of("", "id", "status", "quantity", "price", "flag", "secret"), List.copyOf(rules.keySet()));
        QualityRule rows = rules.get("").get(0);
        assertEquals("rowCount", rows.metric());
        assertEquals("mustBeGreaterOrEqualTo", rows.operator());
        assertEquals(Optional.of(500L), rows.operatorValue());
        assertEquals(List.of("nullValues", "duplicateValues"), rules.get("id").stream().map(QualityRule::metric)
                .toList());
        QualityRule allowed = rules.get("status").get(1);
        assertEquals("invalidValues", allowed.metric());
        assertEquals(Map.of("validValues", List.of("cancelled", "open", "shipped")), allowed.arguments());
        assertEquals("mustBe", allowed.operator());
        assertEquals(Optional.of(0L), allowed.operatorValue());
        QualityRule range = rules.get("price").get(1);
        assertEquals("sql", range.type());
        assertEquals("SELECT COUNT(*) FROM {object} WHERE {property} < 0 OR {property} > 499.5", range.query());
        assertEquals("mustBe", range.operator());
        assertEquals(Optional.of(0L), range.operatorValue());

        // written into a contract, the rules are valid ODCS and read back as the same checks, but for the ranges
        DataContract contract = contract(rules);
        DataContract reread = OdcsCodec.readYaml(OdcsCodec.toYaml(contract));
        OdcsQuality.Mapping m = OdcsQuality.toChecks(reread);
        List<Check> withoutRanges = p.suggestChecks().stream()
                .filter(c -> !c.name().startsWith("invalidCount(quantity") && !c.name().startsWith("invalidCount(price"))
                .toList();
        assertEquals(withoutRanges, m.checks());
        assertEquals(2, m.unsupported().size(), m.unsupported().toString());
        assertTrue(m.unsupported().stream().allMatch(u -> u.contains("sql rule")));
    }

    private static DataContract contract(Map<String, List<QualityRule>> rules) {
        List<SchemaProperty> properties = new ArrayList<>();
        for (Field f : ORDERS.schema().fields()) {
            properties.add(new SchemaProperty("", f.name(), "", "", f.type().odcsLogicalType(), Map.of(), false, false,
                    false, -1, false, -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(),
                    Optional.empty(), List.of(), rules.getOrDefault(f.name(), List.of()), List.of(), List.of(),
                    List.of(), Map.of()));
        }
        SchemaObject object = new SchemaObject("", "orders", "", "table", "object", "", "", "", List.of(), properties,
                rules.getOrDefault("", List.of()), List.of(), List.of(), List.of(), Map.of());
        return new DataContract(DataContract.CURRENT_API_VERSION, "DataContract", "orders-contract", "1.0.0", "draft",
                "orders", "", "", "", List.of(), null, List.of(object), List.of(), List.of(), null, List.of(), null,
                List.of(), "", List.of(), List.of(), "", Map.of());
    }
}

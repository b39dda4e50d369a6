package dev.dataproduct.testkit.gen;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.TestRun;
import dev.dataproduct.testkit.port.RowsInput;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DatasetGenTest {
    private static final DatasetSpec CUSTOMERS = DatasetSpec.named("customers")
            .field("customer_id", LogicalType.STRING, f -> f.primaryKey().pattern("cust-\\d{4}"))
            .field("segment", LogicalType.STRING, f -> f.required().allowedValues("retail", "business"))
            .build();
    private static final DatasetSpec ORDERS = DatasetSpec.named("orders")
            .field("order_id", LogicalType.STRING, f -> f.primaryKey().pattern("ord-\\d{6}"))
            .field("customer_id", LogicalType.STRING, f -> f.required().pattern("cust-\\d{4}"))
            .field("store", LogicalType.STRING, f -> f.required().pattern("[A-Z]{2}"))
            .field("day", LogicalType.DATE, f -> f.required())
            .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
            .build();

    @Test
    void referencesPointAtGeneratedParentRowsAndOrphansAtNone() {
        Random random = new Random(7);
        GeneratedRows customers = DatasetGen.of(CUSTOMERS).generate(30, random);
        GeneratedRows orders = DatasetGen.of(ORDERS).references("customer_id", customers.rows(), "customer_id")
                .breaking(RuleBreak.orphan("customer_id"), 0.1).generate(500, random);
        Set<Object> parents = new HashSet<>(customers.rows().stream().map(r -> r.get("customer_id")).toList());
        assertEquals(50, orders.broken().size());
        assertEquals("customer_id:orphan", orders.rule());
        for (int i = 0; i < orders.rows().size(); i++) {
            boolean orphan = !parents.contains(orders.rows().get(i).get("customer_id"));
            assertEquals(orders.broken().contains(i), orphan, "row " + i + " " + orders.rows().get(i));
            assertTrue(Pattern.matches("cust-\\d{4}", (String) orders.rows().get(i).get("customer_id")));
        }
    }

    @Test
    void aConformedKeyOfAnotherProductLinksItsRowsToTheParentRows() {
        DatasetSpec people = DatasetSpec.named("people")
                .field("person", LogicalType.STRING, f -> f.primaryKey().pattern("p-\\d{5}").conformedKey("customer"))
                .build();
        DatasetSpec visits = DatasetSpec.named("visits")
                .field("visitor", LogicalType.STRING, f -> f.required().pattern("p-\\d{5}").conformedKey("customer"))
                .field("store", LogicalType.STRING, f -> f.required().pattern("[A-Z]{2}"))
                .build();
        Random random = new Random(4);
        GeneratedRows parents = DatasetGen.of(people).generate(10, random);
        Set<Object> known = new HashSet<>(parents.rows().stream().map(r -> r.get("person")).toList());
        DatasetGen.of(visits).conformsTo(people, parents.rows()).generate(200, random).rows()
                .forEach(r -> assertTrue(known.contains(r.get("visitor")), r.toString()));
        assertThrows(IllegalArgumentException.class, () -> DatasetGen.of(ORDERS).conformsTo(people, parents.rows()));
    }

    @Test
    void aProductQuarantinesExactlyTheGeneratedOrphansForItsReferenceCheck() {
        Schema loose = new Schema(ORDERS.schema().fields().stream().map(f -> Field.of(f.name(), f.type(), false)).toList());
        DataProduct product = DataProduct.builder("orders").domain("test").version("1.0.0")
                .owner(Owner.person("Tess Ter", "tess@example.com")).purpose("Orders of known customers.")
                .input(RowsInput.of("customers", CUSTOMERS.schema(), List.of()))
                .input(RowsInput.of("raw", loose, List.of()))
                .output(ORDERS)
                .check(Check.references("customer_id", "customers", "customer_id").percent().atMost(100)
                        .named("known customers").quarantineFailingRows())
                .transform(TransformSpec.to("orders").reading("raw", "customers").with(Transform.of(ctx -> ctx.input("raw"))))
                .build();
        Random random = new Random(11);
        GeneratedRows customers = DatasetGen.of(CUSTOMERS).generate(20, random);
        GeneratedRows orders = DatasetGen.of(ORDERS).references("customer_id", customers.rows(), "customer_id")
                .breaking(RuleBreak.orphan("customer_id"), 0.05).generate(200, random);
        try (ProductTestDriver driver = ProductTestDriver.of(product)) {
            driver.input("customers").pipeRows(customers.rows());
            driver.input("raw").pipeRows(orders.rows());
            TestRun run = driver.run();
            assertThat(run).published(190).quarantined(10, "customer_id:quality check 'known customers'");
            Set<Object> orphans = new HashSet<>(orders.brokenRows().stream().map(r -> r.get("order_id")).toList());
            assertEquals(orphans, new HashSet<>(run.quarantinedRows().stream().map(q -> q.values().get("order_id"))
                    .toList()));
        }
    }

    @Test
    void aSkewedColumnConcentratesOnFewValues() {
        Random random = new Random(3);
        assertTrue(topShare(DatasetGen.of(ORDERS).skewed("store", 1).generate(2000, random)) < 0.15);
        assertTrue(topShare(DatasetGen.of(ORDERS).skewed("store", 6).generate(2000, random)) > 0.3);
    }

    private static double topShare(GeneratedRows rows) {
        Map<Object, Integer> counts = new HashMap<>();
        rows.rows().forEach(r -> counts.merge(r.get("store"), 1, Integer::sum));
        return counts.values().stream().mapToInt(i -> i).max().orElseThrow() / (double) rows.rows().size();
    }

    @Test
    void columnsDeclaredUniqueTogetherNeverRepeatTheirPair() {
        GeneratedRows rows = DatasetGen.of(ORDERS).unique("store", "day").generate(500, new Random(5));
        Set<List<Object>> pairs = new HashSet<>();
        rows.rows().forEach(r -> assertTrue(pairs.add(List.of(r.get("store"), r.get("day"))), r.toString()));
    }

    @Test
    void tooFewValuesForAUniqueKeySaySo() {
        DatasetSpec tiny = DatasetSpec.named("tiny").field("k", LogicalType.STRING, f -> f.primaryKey().pattern("[ab]"))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetGen.of(tiny).generate(3, new Random(1)));
        assertTrue(e.getMessage().contains("too few values"), e.getMessage());
    }

    @Test
    void aFailingDatasetShrinksToTheFewestRowsThatStillFail() {
        Gen<GeneratedRows> gen = DatasetGen.of(ORDERS).breaking(RuleBreak.duplicateKey(), 0.2).rows(1, 100);
        AssertionError e = assertThrows(AssertionError.class, () -> PropertyRunner.forAll(gen).seed(5).trials(5)
                .check(data -> data.broken().isEmpty()));
        String shrunk = e.getMessage().lines().filter(l -> l.contains("shrunk")).findFirst().orElseThrow();
        // one row with a key and one later row repeating it: two rows, one of them broken
        assertTrue(shrunk.contains("broken=[1]") && shrunk.split("order_id=").length == 3, shrunk);
    }

    @Test
    void stringsMatchTheCommonPatternShapes() {
        Random random = new Random(9);
        for (String p : List.of("SKU-\\d{6}", "[^@\\s]+@[^@\\s]+", "(web|store|app)", "[A-Z]{2}[0-9]{3,5}",
                "(?:ab|cd)+x?", "\\w{2,}\\.[a-z]{2,3}", "[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}", "\\+?\\d{7,12}")) {
            for (int i = 0; i < 50; i++) {
                String s = RegexStrings.generate(p, random);
                assertTrue(Pattern.matches(p, s), p + " / " + s);
            }
        }
    }

    @Test
    void aPatternBeyondTheGeneratorIsMetWithTheFieldsExamples() {
        DatasetSpec spec = DatasetSpec.named("d").field("code", LogicalType.STRING,
                f -> f.required().pattern("(\\d)\\1").examples("11", "22", "x")).build();
        GeneratedRows rows = DatasetGen.of(spec).generate(20, new Random(2));
        rows.rows().forEach(r -> assertTrue(Set.of("11", "22").contains(r.get("code")), r.toString()));
    }

    @Test
    void aRuleTheDatasetDoesNotHaveCannotBeBroken() {
        assertThrows(IllegalArgumentException.class, () -> DatasetGen.of(ORDERS).breaking(RuleBreak.outOfRange("day"), 0.1));
        assertThrows(IllegalArgumentException.class, () -> DatasetGen.of(CUSTOMERS).breaking(RuleBreak.orphan("segment"), 0.1));
    }

    @Test
    void drawsAShareOfValuesFromTheExamplesThatMeetTheConstraintsAndNeverFromTheOthers() {
        DatasetSpec spec = DatasetSpec.named("items")
                .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{6}")
                        .examples("SKU-000123", "SKU-999999", "not-a-sku"))
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000).examples("7", "5000", "many"))
                .build();
        long seed = 11;
        List<Map<String, Object>> rows = DatasetGen.of(spec).generate(1000, new Random(seed)).rows();
        long skus = rows.stream().filter(r -> Set.of("SKU-000123", "SKU-999999").contains(r.get("sku"))).count();
        long sevens = rows.stream().filter(r -> r.get("quantity").equals(7L)).count();
        assertTrue(skus >= 100 && skus <= 400, "seed " + seed + ": " + skus + " of 1000 skus from the examples");
        assertTrue(sevens >= 100 && sevens <= 400, "seed " + seed + ": " + sevens + " of 1000 quantities were 7");
        assertTrue(rows.stream().allMatch(r -> Pattern.matches("SKU-\\d{6}", (String) r.get("sku"))
                && (Long) r.get("quantity") >= 1 && (Long) r.get("quantity") <= 1000), "seed " + seed);
    }

    @Test
    void shrinksAFailingDatasetToOneRowWithTheSimplestValidValues() {
        DatasetSpec spec = DatasetSpec.named("orders")
                .field("order_id", LogicalType.STRING, f -> f.primaryKey().pattern("ord-\\d{6}"))
                .field("note", LogicalType.STRING, f -> f.maxLength(20))
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
                .field("discount", LogicalType.INT32, f -> f.required().range(-50, 50))
                .field("code", LogicalType.STRING, f -> f.required().minLength(2).maxLength(9))
                .field("day", LogicalType.DATE, f -> f.required())
                .field("at", LogicalType.TIMESTAMP_TZ, f -> f.required())
                .build();
        AssertionError e = assertThrows(AssertionError.class, () -> PropertyRunner.forAll(DatasetGen.of(spec).rows(1, 40))
                .seed(5).trials(50)
                .check(g -> g.rows().stream().allMatch(r -> (Long) r.get("quantity") <= 500)));
        String shrunk = e.getMessage().lines().filter(l -> l.contains("shrunk in")).findFirst().orElseThrow();
        assertEquals(1, shrunk.split("quantity=", -1).length - 1, "one row: " + shrunk);
        assertTrue(shrunk.contains("quantity=501"), shrunk);
        assertTrue(shrunk.contains("note=null"), "an optional field shrinks to null: " + shrunk);
        assertTrue(shrunk.contains("discount=0"), "a number shrinks toward 0 within its range: " + shrunk);
        assertTrue(Pattern.compile("code=[A-Za-z0-9_-]{2}[,}]").matcher(shrunk).find(), "a string shrinks to its "
                + "shortest valid length: " + shrunk);
        assertTrue(Pattern.compile("order_id=ord-\\d{6}").matcher(shrunk).find(), "a shrunk value stays valid: " + shrunk);
        assertTrue(shrunk.contains("day=1970-01-01") && shrunk.contains("at=1970-01-01T00:00:00Z"), shrunk);
    }

    @Test
    void everyShrinkCandidateKeepsTheContractAndTheRuleBrokenOnPurpose() {
        DatasetSpec spec = DatasetSpec.named("orders")
                .field("order_id", LogicalType.STRING, f -> f.primaryKey().pattern("ord-\\d{2}"))
                .field("note", LogicalType.STRING, f -> f.minLength(3).maxLength(8))
                .field("quantity", LogicalType.INT32, f -> f.required().range(-20, 1000))
                .field("price", LogicalType.decimal(6, 2), f -> f.required().range(new java.math.BigDecimal("0.50"),
                        new java.math.BigDecimal("99")))
                .field("segment", LogicalType.STRING, f -> f.required().allowedValues("retail", "business"))
                .field("day", LogicalType.DATE, f -> f.required()
                        .minimum(LocalDate.of(2020, 1, 1)).maximum(LocalDate.of(2030, 1, 1)))
                .field("at", LogicalType.TIMESTAMP, f -> f.required())
                .build();
        Gen<GeneratedRows> gen = DatasetGen.of(spec).breaking(RuleBreak.nullIn("quantity"), 0.3).rows(2, 12);
        PropertyRunner.forAll(gen).trials(30).check(rows -> gen.shrink(rows).limit(300).allMatch(candidate -> {
            Set<Object> keys = new HashSet<>();
            for (int i = 0; i < candidate.rows().size(); i++) {
                Map<String, Object> row = candidate.rows().get(i);
                boolean broken = candidate.broken().contains(i);
                if (broken != (row.get("quantity") == null) || !keys.add(row.get("order_id"))) {
                    return false;
                }
                for (Field f : spec.schema().fields()) {
                    Object v = row.get(f.name());
                    if (v == null ? f.required() && !broken : !FieldValues.satisfies(f, v)) {
                        return false;
                    }
                }
            }
            return true;
        }));
    }
}

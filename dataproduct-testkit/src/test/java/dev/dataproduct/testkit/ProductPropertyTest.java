package dev.dataproduct.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.TestRun;
import dev.dataproduct.testkit.gen.Gen;
import dev.dataproduct.testkit.gen.Rows;
import dev.dataproduct.testkit.gen.Schemas;
import dev.dataproduct.testkit.port.RowsInput;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Properties of whole products: descriptors round-trip, and no row is ever lost. */
class ProductPropertyTest {
    private static final Schema RAW = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false),
            Field.of("sku", LogicalType.STRING, false),
            Field.of("status", LogicalType.STRING, false),
            Field.of("note", LogicalType.STRING, false));
    private static final Pattern SKU = Pattern.compile("SKU-\\d{3}");
    private static final Set<String> STATUSES = Set.of("new", "shipped");

    private static DataProduct product(String name, Schema schema, List<Map<String, Object>> rows, int batchSize) {
        return DataProduct.builder(name)
                .domain("test")
                .version("1.0.0")
                .owner(Owner.person("Tess Ter", "tess@example.com"))
                .purpose("A product generated for a property test.")
                .tags("generated")
                .input(RowsInput.of("source", schema, rows).batchSize(batchSize))
                // the generated rows break rules often: the quarantined-share limit is not this test's subject
                .output(DatasetSpec.named("out").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("quantity", LogicalType.INT32, f -> f.required().range(1, 100))
                        .field("sku", LogicalType.STRING, f -> f.pattern("SKU-\\d{3}"))
                        .field("status", LogicalType.STRING, f -> f.allowedValues("new", "shipped"))
                        .field("note", LogicalType.STRING, f -> f.maxLength(5).classification(
                                dev.dataproduct.api.schema.Classification.RESTRICTED)))
                .transform(ctx -> ctx.input("source"))
                .build();
    }

    /** Raw rows that break each rule now and then, including int32 overflow. */
    private static Map<String, Object> rawRow(Random r) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.nextInt(20) == 0 ? null : "id-" + r.nextInt(1000));
        long q = r.nextInt(10) == 0 ? (r.nextBoolean() ? 0 : 3_000_000_000L) : 1 + r.nextInt(110);
        row.put("quantity", r.nextInt(30) == 0 ? null : q);
        row.put("sku", r.nextInt(15) == 0 ? "bad" : r.nextInt(10) == 0 ? null : String.format("SKU-%03d", r.nextInt(1000)));
        row.put("status", r.nextInt(15) == 0 ? "lost" : r.nextBoolean() ? "new" : "shipped");
        row.put("note", r.nextInt(10) == 0 ? "far too long" : "ok");
        return row;
    }

    /** The contract of {@link #product}, computed independently of the runtime. */
    private static boolean conforms(Map<String, Object> row) {
        Object id = row.get("id");
        Long q = (Long) row.get("quantity");
        String sku = (String) row.get("sku");
        String status = (String) row.get("status");
        String note = (String) row.get("note");
        return id != null && q != null && q >= 1 && q <= 100
                && (sku == null || SKU.matcher(sku).matches())
                && (status == null || STATUSES.contains(status))
                && (note == null || note.length() <= 5);
    }

    /** The rows that conform, of which the first with each primary key is published, in order. */
    private static List<Map<String, Object>> publishable(List<Map<String, Object>> input) {
        Set<Object> keys = new java.util.HashSet<>();
        return input.stream().filter(ProductPropertyTest::conforms).filter(r -> keys.add(r.get("id"))).toList();
    }

    @Test
    void rowsInEqualPublishedPlusQuarantinedAndPublishedAreExactlyTheConformingRows() {
        Gen<List<Map<String, Object>>> rows = Gen.listOf(ProductPropertyTest::rawRow, 0, 300);
        PropertyRunner.forAll(rows).trials(60).check(input -> {
            long expected = publishable(input).size();
            // the product's own input keeps its batches of odd sizes; the driver reads back what was committed
            try (ProductTestDriver driver = ProductTestDriver.of(product("balance", RAW, input, 1 + input.size() % 37))) {
                TestRun run = driver.run();
                assertEquals(input.size(), run.rowsIn());
                assertEquals(run.rowsIn(), run.published() + run.quarantined());
                assertEquals(expected, run.published());
                List<Object> expectedIds = publishable(input).stream().map(r -> r.get("id")).toList();
                assertEquals(expectedIds, run.rows().stream().map(r -> r.get("id")).toList());
                run.quarantinedRows().forEach(q -> assertEquals(false, q.reasons().contains("far too long"), q.reasons()));
            }
            return true;
        });
    }

    @Test
    void descriptorsRoundTripThroughJsonAndYaml() {
        PropertyRunner.forAll(Schemas.schemas(10)).trials(150).check(schema -> {
            DatasetSpec.Builder spec = DatasetSpec.named("data").description("Generated rows.");
            schema.fields().forEach(spec::field);
            DataProduct product = DataProduct.builder("generated")
                    .domain("test")
                    .version("2.1.0")
                    .owner(Owner.person("Tess Ter", "tess@example.com"))
                    .purpose("A product generated for a property test.")
                    .tags("b", "a")
                    .link("docs", "https://example.com/docs")
                    .input(RowsInput.of("source", schema, List.of()))
                    .output(spec)
                    .transform(ctx -> ctx.input("source"))
                    .build();
            ProductDescriptor d = product.describe();
            assertEquals(d, DescriptorCodec.fromJson(DescriptorCodec.toJson(d)));
            assertEquals(d, DescriptorCodec.fromYaml(DescriptorCodec.toYaml(d)));
            return true;
        });
    }

    @Test
    void anyGeneratedSchemaAndRowsArePublishedUnchanged() {
        Gen<Map.Entry<Schema, List<Map<String, Object>>>> gen = random -> {
            Schema schema = Schemas.schemas(8).generate(random);
            return Map.entry(schema, Rows.rows(schema, 60).generate(new Random(random.nextLong())));
        };
        PropertyRunner.forAll(gen).trials(80).check(c -> {
            DatasetSpec.Builder spec = DatasetSpec.named("data");
            c.getKey().fields().forEach(spec::field);
            DataProduct product = DataProduct.builder("passthrough")
                    .domain("test").version("1.0.0")
                    .owner(Owner.person("Tess Ter", "tess@example.com"))
                    .purpose("Publishes generated rows as they are.")
                    .input(RowsInput.of("source", c.getKey(), c.getValue()).batchSize(7))
                    .output(spec)
                    .transform(ctx -> ctx.input("source"))
                    .build();
            try (ProductTestDriver driver = ProductTestDriver.of(product)) {
                TestRun run = driver.run();
                assertEquals(c.getValue().size(), run.published());
                assertEquals(0, run.quarantined());
                List<Map<String, Object>> back = run.rows();
                for (int i = 0; i < back.size(); i++) {
                    for (String field : c.getKey().fieldNames()) {
                        assertEquals(c.getValue().get(i).get(field), back.get(i).get(field), "row " + i + " " + field);
                    }
                }
            }
            return true;
        });
    }
}

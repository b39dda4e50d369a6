package dev.dataproduct.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptorCodecTest {

    /** An input that is only described, never opened. */
    private record DescribedInput(PortDescriptor descriptor) implements InputPort {
        @Override
        public Dataset open(InputContext context) {
            throw new UnsupportedOperationException("not opened in this test");
        }
    }

    /** An output that is only described, never published to. */
    private record DescribedOutput(PortDescriptor descriptor) implements OutputPort {
        @Override
        public void publish(CommittedSnapshot snapshot) {
            throw new UnsupportedOperationException("not published in this test");
        }
    }

    private static final LogicalType LINE = LogicalType.struct(
            Field.of("sku", LogicalType.STRING, true),
            Field.of("quantity", LogicalType.INT32, false),
            Field.of("price", LogicalType.decimal(9, 2), false));

    private static DataProduct everything() {
        DatasetSpec orders = DatasetSpec.named("orders")
                .description("One row per order.\nMultiline: with a colon, and 'quotes'.")
                .field("region", LogicalType.STRING, f -> f.primaryKey(1).allowedValues("eu", "us")
                        .description("Sales region."))
                .field("order_id", LogicalType.INT64, f -> f.primaryKey(2).minimum(1).examples("42", "1001"))
                .field("customer_email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED)
                        .personalData().conformedKey("customer").pattern("[^@]+@[^@]+").length(3, 254))
                .field("tiny", LogicalType.INT8)
                .field("small", LogicalType.INT16, f -> f.range(-5, 5))
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
                .field("amount", LogicalType.decimal(12, 2), f -> f.range(new BigDecimal("0.01"),
                        new BigDecimal("99999.99")).classification(Classification.CONFIDENTIAL))
                .field("weight", LogicalType.FLOAT32)
                .field("score", LogicalType.FLOAT64, f -> f.minimum(0.5))
                .field("paid", LogicalType.BOOLEAN, f -> f.classification(Classification.PUBLIC))
                .field("order_day", LogicalType.DATE, f -> f.minimum("2020-01-01").maximum("2030-12-31"))
                .field("order_time", LogicalType.TIME)
                .field("created", LogicalType.TIMESTAMP)
                .field("updated", LogicalType.timestamp(TimePrecision.MILLIS, true))
                .field("shipped", LogicalType.timestamp(TimePrecision.NANOS, false))
                .field("tags", LogicalType.arrayOf(LogicalType.STRING), f -> f.maxLength(10))
                .field("lines", LogicalType.arrayOf(LINE), f -> f.description("Order lines."))
                .field("address", LogicalType.struct(Field.of("city", LogicalType.STRING, false),
                        Field.of("zip", LogicalType.STRING, false)))
                .build();
        DatasetSpec daily = DatasetSpec.named("daily-totals")
                .field("day", LogicalType.DATE, f -> f.required().primaryKey())
                .field("total", LogicalType.decimal(38, 10))
                .build();
        return DataProduct.builder("order-insights")
                .domain("retail")
                .version("2.3.1-rc.1")
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Orders enriched for analysis.")
                .description("A longer description: it has \"quotes\", a # hash and ünïcödé.")
                .alignment(Alignment.CONSUMER)
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .qualityTier(QualityTier.GOLD)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("orders", "analytics", "eu")
                .link("Runbook", "https://example.com/runbook")
                .link("Dashboard", "https://example.com/d?x=1&y=2")
                .input(new DescribedInput(new PortDescriptor("raw-orders", "file", "csv", "/data/orders.csv")))
                .input(new DescribedInput(new PortDescriptor("customers", "product", "arrow-ipc", "")))
                .output(orders)
                .output(daily)
                .transform(dev.dataproduct.api.transform.TransformSpec.to("orders").reading("raw-orders", "customers")
                        .returning(ctx -> ctx.input("raw-orders")))
                .transform(dev.dataproduct.api.transform.TransformSpec.to("daily-totals").reading("raw-orders")
                        .returning(ctx -> ctx.input("raw-orders")))
                .serve(new DescribedOutput(new PortDescriptor("files", "file", "arrow-ipc", "/srv/out")),
                        new DescribedOutput(new PortDescriptor("sql", "sql", "sql", "jdbc:duckdb:")))
                .build();
    }

    @Test
    void theDescriptorDescribesEverythingDeclared() {
        ProductDescriptor d = everything().describe();
        assertEquals("urn:dataproduct:retail:order-insights:v2", d.address());
        assertEquals("derived", d.kind());
        assertEquals("composite", d.pattern());
        assertEquals(List.of("analytics", "eu", "orders"), d.tags());
        assertEquals(2, d.supportTier());
        assertEquals(2, d.datasets().size());
        assertEquals(List.of("raw-orders", "customers"), d.inputPorts().stream().map(p -> p.name()).toList());
        assertEquals(List.of("files", "sql"), d.outputPorts().stream().map(p -> p.name()).toList());
        DatasetDescriptor orders = d.datasets().get(0);
        assertEquals(18, orders.fields().size());
        Field email = orders.fields().get(2);
        assertEquals(Optional.of("customer"), email.conformedKey());
        assertTrue(email.personalData());
    }

    @Test
    void jsonRoundTripGivesAnEqualDescriptor() {
        ProductDescriptor d = everything().describe();
        String json = DescriptorCodec.toJson(d);
        assertEquals(d, DescriptorCodec.fromJson(json));
        // writing what was read gives the same text
        assertEquals(json, DescriptorCodec.toJson(DescriptorCodec.fromJson(json)));
    }

    @Test
    void yamlRoundTripGivesAnEqualDescriptor() {
        ProductDescriptor d = everything().describe();
        String yaml = DescriptorCodec.toYaml(d);
        assertEquals(d, DescriptorCodec.fromYaml(yaml));
        assertEquals(yaml, DescriptorCodec.toYaml(DescriptorCodec.fromYaml(yaml)));
    }

    @Test
    void textsThatAYamlReaderWouldTakeForNumbersStayTexts() {
        ProductDescriptor d = DataProduct.builder("tiny")
                .domain("test").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("0x1F")
                .description("1e3")
                .tags("2025", "0x1F", "1e3", "+12", ".5", "0o17", "1_000", "-.inf", ".nan")
                .output(DatasetSpec.named("t").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("none"))
                .build().describe();
        assertEquals(d, DescriptorCodec.fromYaml(DescriptorCodec.toYaml(d)), DescriptorCodec.toYaml(d));
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanOneValueLost() {
        String yaml = DescriptorCodec.toYaml(everything().describe());
        String twice = yaml.replaceFirst("(?m)^purpose: ", "purpose: Twice.\npurpose: ");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromYaml(twice));
        assertTrue(e.problems().get(0).contains("'purpose'"), e.problems().toString());
    }

    @Test
    void typesAreWrittenByTheirCanonicalNamesAndEnumsInLowerCase() {
        String yaml = DescriptorCodec.toYaml(everything().describe());
        for (String text : List.of("decimal(12,2)", "timestamp_tz(ms)", "timestamp(ns)", "float32", "int8",
                "array<struct<sku:string not null,quantity:int32,price:decimal(9,2)>>", "restricted", "consumer",
                "gold", "active")) {
            assertTrue(yaml.contains(text), text + " in\n" + yaml);
        }
        assertFalse(yaml.contains("RESTRICTED"), yaml);
        String json = DescriptorCodec.toJson(everything().describe());
        assertTrue(json.contains("\"timestamp_tz(ms)\""), json);
    }

    @Test
    void aMinimalProductRoundTripsWithItsEmptyPartsLeftOut() {
        DataProduct minimal = DataProduct.builder("tiny")
                .domain("test")
                .version("0.1.0")
                .owner(Owner.person("Bo", "bo@example.com"))
                .purpose("The least a product needs.")
                .output(DatasetSpec.named("things").field("id", LogicalType.STRING))
                .transform(ctx -> {
                    throw new UnsupportedOperationException();
                })
                .build();
        ProductDescriptor d = minimal.describe();
        String json = DescriptorCodec.toJson(d);
        assertFalse(json.contains("\"tags\""), json);
        assertFalse(json.contains("\"examples\""), json);
        assertEquals(d, DescriptorCodec.fromJson(json));
        assertEquals(d, DescriptorCodec.fromYaml(DescriptorCodec.toYaml(d)));
    }

    @Test
    void brokenYamlIsAnInvalidDefinitionThatNamesTheLine() {
        String yaml = DescriptorCodec.toYaml(everything().describe());
        String[] lines = yaml.split("\n", -1);
        lines[3] = lines[3] + " [unclosed: {";
        String broken = String.join("\n", lines);
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromYaml(broken));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("line"), e.problems().get(0));
        assertTrue(e.getMessage().contains("YAML"), e.getMessage());
    }

    @Test
    void anUnknownTypeNameIsReportedWithTheName() {
        ProductDescriptor d = everything().describe();
        String yaml = DescriptorCodec.toYaml(d);
        assertTrue(yaml.contains("type: int16"), yaml);
        String wrong = yaml.replace("type: int16", "type: int17");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromYaml(wrong));
        String problem = e.problems().get(0);
        assertTrue(problem.contains("int17"), problem);
        assertTrue(problem.contains("line " + (lineOf(wrong, "type: int17") + 1)), problem);

        String json = DescriptorCodec.toJson(d).replace("\"int16\"", "\"integer\"");
        InvalidDefinitionException j = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromJson(json));
        assertTrue(j.problems().get(0).contains("integer"), j.problems().get(0));
    }

    @Test
    void readsAliasesAsTheValuesOfTheirAnchorsAndMergesMergeKeys() {
        ProductDescriptor d = everything().describe();
        String yaml = DescriptorCodec.toYaml(d);
        int ports = yaml.indexOf("\noutputPorts:");
        assertTrue(ports > 0 && !yaml.substring(ports).contains("managementPorts"), yaml);
        String anchored = yaml.substring(0, ports + 1)
                .replaceFirst("(?m)^purpose: .*$", "purpose: &text Shared text.")
                .replaceFirst("(?m)^description: .*$", "description: *text")
                + "outputPorts:\n- &files\n  name: files\n  address: urn:x:files\n  kind: file\n  format: arrow-ipc\n"
                + "  location: /srv/out\n- <<: *files\n  name: mirror\n  address: urn:x:mirror\n  location: /srv/mirror\n";
        ProductDescriptor read = DescriptorCodec.fromYaml(anchored);
        assertEquals("Shared text.", read.purpose());
        assertEquals("Shared text.", read.description(), "the alias stands for its anchor's value, not its name");
        assertEquals(List.of(new PortEntry("files", "urn:x:files", "file", "arrow-ipc", "/srv/out", "", ""),
                new PortEntry("mirror", "urn:x:mirror", "file", "arrow-ipc", "/srv/mirror", "", "")),
                read.outputPorts());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() {
        String yaml = DescriptorCodec.toYaml(everything().describe());
        String twice = yaml.replaceFirst("(?m)^(purpose: .*)$", "$1\npurpose: again");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromYaml(twice));
        assertTrue(e.problems().get(0).contains("'purpose'")
                && e.problems().get(0).contains("line " + (lineOf(twice, "purpose: again") + 1)), e.problems().toString());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    @Test
    void anUnknownPropertyOrAMissingRequiredOneIsReported() {
        String json = DescriptorCodec.toJson(everything().describe());
        InvalidDefinitionException unknown = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromJson(json.replaceFirst("\"purpose\"", "\"nmae\" : 1,\n  \"purpose\"")));
        assertTrue(unknown.problems().get(0).contains("nmae"), unknown.problems().get(0));

        InvalidDefinitionException missing = assertThrows(InvalidDefinitionException.class,
                () -> DescriptorCodec.fromYaml("name: x\ndomain: y\n"));
        assertFalse(missing.problems().isEmpty());
    }
}

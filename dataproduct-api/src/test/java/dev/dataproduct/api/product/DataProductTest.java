package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformSpec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataProductTest {

    static final Owner ANA = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
    static final Transform NOTHING = (ctx, out) -> { };

    private static DatasetSpec.Builder purchases() {
        return DatasetSpec.named("purchases")
                .description("One row per purchased SKU.")
                .field("purchase_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000));
    }

    /** A valid product with one input, one output, one transform and one output port. */
    private static DataProduct.Builder valid(TestInputPort orders, TestOutputPort files) {
        return DataProduct.builder("historical-purchases")
                .domain("retail")
                .version("1.2.0")
                .owner(ANA)
                .purpose("A list of historical purchases (SKUs) for each customer.")
                .input(orders)
                .output(purchases())
                .transform(ctx -> ctx.input("orders"))
                .serve(files);
    }

    private static List<String> problems(DataProduct.Builder builder) {
        return assertThrows(InvalidDefinitionException.class, builder::build).problems();
    }

    @Test
    void buildsAValidProduct() {
        TestInputPort orders = new TestInputPort("orders");
        TestOutputPort files = new TestOutputPort("files");
        DataProduct p = valid(orders, files).build();

        ProductMetadata m = p.metadata();
        assertEquals("historical-purchases", m.name());
        assertEquals("retail", m.domain());
        assertEquals(new SemanticVersion(1, 2, 0, ""), m.version());
        assertEquals(ANA, m.owner());
        assertEquals("A list of historical purchases (SKUs) for each customer.", m.purpose());
        assertEquals("", m.description());
        assertEquals(Alignment.SOURCE, m.alignment());
        assertEquals(ProductKind.FOUNDATIONAL, m.kind());
        assertEquals(QualityTier.BRONZE, m.qualityTier());
        assertEquals(SupportTier.TIER_4, m.supportTier());
        assertEquals(ProductStatus.DRAFT, m.status());
        assertEquals(Set.of(), m.tags());
        assertEquals(List.of(), m.links());

        assertEquals(new ProductAddress("retail", "historical-purchases", 1), p.address());
        assertEquals(List.of(orders), p.inputs());
        assertEquals(List.of(files), p.outputPorts());
        assertEquals(List.of("purchases"), p.outputs().stream().map(DatasetSpec::name).toList());
        assertEquals(List.of("purchase_id"),
                p.output("purchases").orElseThrow().schema().primaryKey().stream().map(Field::name).toList());
        assertTrue(p.output("nope").isEmpty());
        assertEquals("DataProduct[urn:dataproduct:retail:historical-purchases:v1, version 1.2.0]", p.toString());
        assertEquals(0, orders.opened, "building a product must not open its ports");
        assertTrue(files.published.isEmpty());
    }

    @Test
    void anUnnamedTransformBuildsTheOnlyOutputAndReadsEveryInput() {
        DataProduct p = DataProduct.builder("p")
                .domain("d").version("1.0.0").owner(ANA).purpose("Purpose.")
                .input(new TestInputPort("orders"))
                .input(new TestInputPort("customers"))
                .output(purchases())
                .transform(NOTHING)
                .build();
        assertEquals(1, p.transforms().size());
        TransformSpec t = p.transforms().get(0);
        assertEquals("purchases", t.output());
        assertEquals(List.of("orders", "customers"), List.copyOf(t.inputs()));
        assertSame(NOTHING, t.transform());
    }

    @Test
    void transformsAreListedInTheOrderOfTheOutputs() {
        DataProduct p = DataProduct.builder("p")
                .domain("d").version("1.0.0").owner(ANA).purpose("Purpose.")
                .input(new TestInputPort("orders"))
                .input(new TestInputPort("customers"))
                .output(DatasetSpec.named("a").field("x", LogicalType.STRING))
                .output(DatasetSpec.named("b").field("x", LogicalType.STRING).build())
                .transform(TransformSpec.to("b").reading("customers").with(NOTHING))
                .transform(TransformSpec.to("a").reading("orders").returning(ctx -> ctx.input("orders")))
                .build();
        assertEquals(List.of("a", "b"), p.transforms().stream().map(TransformSpec::output).toList());
        assertEquals(Set.of("orders"), p.transforms().get(0).inputs());
        assertEquals(Set.of("customers"), p.transforms().get(1).inputs());
    }

    @Test
    void theBuiltProductIsImmutable() {
        DataProduct p = valid(new TestInputPort("orders"), new TestOutputPort("files")).build();
        assertThrows(UnsupportedOperationException.class, () -> p.inputs().add(new TestInputPort("x")));
        assertThrows(UnsupportedOperationException.class, () -> p.outputPorts().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.outputs().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.transforms().clear());
    }

    @Test
    void buildReportsEveryProblemAtOnceInOneException() {
        DataProduct.Builder b = DataProduct.builder("historical-purchases")
                .version("1.2")
                .purpose("x".repeat(301))
                .supportTier(5)
                .input(new TestInputPort("orders"))
                .input(new TestInputPort("customers"))
                .output(DatasetSpec.named("purchases")
                        .field("id", LogicalType.STRING)
                        .field("id", LogicalType.STRING)
                        .field("quantity", LogicalType.INT32)
                        .primaryKey("nope"))
                .output(DatasetSpec.named("returns").field("id", LogicalType.STRING))
                .transform(TransformSpec.to("purchases").reading("orders", "refunds").with(NOTHING))
                .transform(TransformSpec.to("purchases").reading("orders").with(NOTHING))
                .serve(new TestOutputPort("files"), new TestOutputPort("files"));

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, b::build);
        assertEquals("product 'historical-purchases'", e.subject());
        assertEquals(List.of(
                "support tier must be 1 to 4, not 5",
                "no domain: call domain(\"...\") with the owning domain, such as \"retail\"",
                "version: '1.2' is not a semantic version MAJOR.MINOR.PATCH, such as 1.2.0",
                "no owner: call owner(Owner.person(name, email)) with the accountable person",
                "purpose is 301 characters long; keep it to 300 and put the rest in description(...)",
                "dataset 'purchases', field 'id': declared more than once",
                "dataset 'purchases': the primary key names field 'nope', which the dataset does not have; "
                        + "fields are [id, quantity]",
                "port name 'files' is used by more than one port; each port needs its own name for its address",
                "the transform of 'purchases' reads input 'refunds', which is not declared; inputs are "
                        + "[orders, customers]",
                "dataset 'purchases' is built by more than one transform",
                "no transform builds dataset 'returns'; add transform(...) for it",
                "input 'customers' is not read by any transform; read it or remove it"), e.problems());
        assertTrue(e.getMessage().startsWith("Invalid definition of product 'historical-purchases': 12 problems"),
                e.getMessage());
        for (String problem : e.problems()) {
            assertTrue(e.getMessage().contains("  - " + problem), problem);
        }
        assertTrue(DataProductException.class.isInstance(e));
    }

    @Test
    void rejectsAnEmptyOrBlankPurpose() {
        for (String purpose : new String[] {null, "", "   "}) {
            DataProduct.Builder b = valid(new TestInputPort("orders"), new TestOutputPort("files")).purpose(purpose);
            assertEquals(List.of("no purpose: say in one or two sentences what the product is for"), problems(b));
        }
    }

    @Test
    void acceptsAPurposeOfExactly300CharactersButNot301() {
        DataProduct p = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .purpose("p".repeat(300)).build();
        assertEquals(300, p.metadata().purpose().length());
        assertEquals(List.of("purpose is 301 characters long; keep it to 300 and put the rest in description(...)"),
                problems(valid(new TestInputPort("orders"), new TestOutputPort("files")).purpose("p".repeat(301))));
    }

    @Test
    void rejectsAnInvalidNameDomainAndMissingVersion() {
        DataProduct.Builder b = DataProduct.builder("Historical_Purchases")
                .domain("Retail").owner(ANA).purpose("Purpose.")
                .output(purchases()).transform(NOTHING);
        assertEquals(List.of(
                "name 'Historical_Purchases' must be lower-case letters, digits and '-', starting with a letter",
                "domain 'Retail' must be lower-case letters, digits and '-', starting with a letter",
                "no version: call version(\"1.0.0\")"), problems(b));
    }

    @Test
    void rejectsAProductWithoutOutputs() {
        DataProduct.Builder b = DataProduct.builder("p").domain("d").version("1.0.0").owner(ANA).purpose("P.");
        assertEquals(List.of("no output dataset: declare at least one with output(DatasetSpec.named(...))"),
                problems(b));
    }

    @Test
    void rejectsADerivedProductWithoutInputs() {
        DataProduct.Builder b = DataProduct.builder("p").domain("d").version("1.0.0").owner(ANA).purpose("P.")
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .output(purchases()).transform(NOTHING);
        assertEquals(List.of("a derived product (derived (composite)) needs at least one input"), problems(b));
    }

    @Test
    void rejectsTwoDatasetsOfOneName() {
        DataProduct.Builder b = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .output(purchases().build());
        assertEquals(List.of("dataset 'purchases' is declared more than once"), problems(b));
    }

    @Test
    void rejectsTwoInputsOfOneName() {
        DataProduct.Builder b = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .input(new TestInputPort("orders"));
        assertEquals(List.of("input 'orders' is declared more than once"), problems(b));
    }

    @Test
    void rejectsAnOutputPortNamedLikeAnInput() {
        DataProduct.Builder b = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .serve(new TestOutputPort("orders"));
        assertEquals(List.of("port name 'orders' is used by more than one port; each port needs its own name for "
                + "its address"), problems(b));
    }

    @Test
    void rejectsAnUnnamedTransformWhenThereAreSeveralOutputs() {
        DataProduct.Builder b = DataProduct.builder("p").domain("d").version("1.0.0").owner(ANA).purpose("P.")
                .input(new TestInputPort("orders"))
                .output(DatasetSpec.named("a").field("x", LogicalType.STRING))
                .output(DatasetSpec.named("b").field("x", LogicalType.STRING))
                .transform(NOTHING);
        assertEquals(List.of(
                "a transform without a named output needs exactly one output dataset, but there are 2; "
                        + "use transform(TransformSpec.to(\"dataset\")...)",
                "no transform builds dataset 'a'; add transform(...) for it",
                "no transform builds dataset 'b'; add transform(...) for it",
                "input 'orders' is not read by any transform; read it or remove it"), problems(b));
    }

    @Test
    void rejectsATransformForADatasetThatIsNotAnOutput() {
        DataProduct.Builder b = DataProduct.builder("p").domain("d").version("1.0.0").owner(ANA).purpose("P.")
                .output(purchases())
                .transform(TransformSpec.to("purchase").with(NOTHING));
        assertEquals(List.of(
                "a transform builds dataset 'purchase', which is not an output; outputs are [purchases]",
                "no transform builds dataset 'purchases'; add transform(...) for it"), problems(b));
    }

    @Test
    void reportsAnInvalidLinkAtBuild() {
        DataProduct.Builder b = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .link("docs", "not a uri");
        List<String> problems = problems(b);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("link 'docs': "), problems.get(0));
    }

    @Test
    void describeListsAddressesMetadataDatasetsAndPorts() {
        DataProduct p = valid(new TestInputPort("orders"), new TestOutputPort("files"))
                .description("A longer description.")
                .alignment(Alignment.AGGREGATE)
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .qualityTier(QualityTier.GOLD)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("retail", "customers", "b2c", "retail")
                .link("docs", "https://example.com/docs")
                .build();
        ProductDescriptor d = p.describe();
        String urn = "urn:dataproduct:retail:historical-purchases:v1";
        assertEquals(urn, d.address());
        assertEquals("historical-purchases", d.name());
        assertEquals("retail", d.domain());
        assertEquals("1.2.0", d.version());
        assertEquals(ANA, d.owner());
        assertEquals("A list of historical purchases (SKUs) for each customer.", d.purpose());
        assertEquals("A longer description.", d.description());
        assertEquals(Alignment.AGGREGATE, d.alignment());
        assertEquals("derived", d.kind());
        assertEquals("composite", d.pattern());
        assertEquals(QualityTier.GOLD, d.qualityTier());
        assertEquals(2, d.supportTier());
        assertEquals(ProductStatus.ACTIVE, d.status());
        assertEquals(List.of("b2c", "customers", "retail"), d.tags());
        assertEquals(List.of(new Link("docs", URI.create("https://example.com/docs"))), d.links());
        assertEquals(List.of(new DatasetDescriptor("purchases", urn + ":dataset:purchases",
                "One row per purchased SKU.", p.output("purchases").orElseThrow().schema().fields())), d.datasets());
        assertEquals(List.of(new PortEntry("orders", urn + ":port:orders", "memory", "arrow", "")), d.inputPorts());
        assertEquals(List.of(new PortEntry("files", urn + ":port:files", "file", "csv", "/tmp/files",
                "urn:dataproduct:retail:historical-purchases:contract", "1.2.0")), d.outputPorts());
    }

    @Test
    void describeRecordsTheProductAndContractAnInputReads() {
        TestInputPort customers = new TestInputPort("customers");
        InputPort upstream = new InputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("customers", "product", "arrow", "urn:dataproduct:crm:customers:v3");
            }

            @Override
            public Optional<Upstream> upstream() {
                return Optional.of(new Upstream("urn:dataproduct:crm:customers:v3",
                        "urn:dataproduct:crm:customers:contract", "3.1.0"));
            }

            @Override
            public Dataset open(InputContext context) {
                return customers.open(context);
            }
        };
        ProductDescriptor d = valid(new TestInputPort("orders"), new TestOutputPort("files")).input(upstream).build()
                .describe();
        PortEntry in = d.inputPorts().get(1);
        assertEquals("urn:dataproduct:crm:customers:contract", in.contractId());
        assertEquals("3.1.0", in.version());
        assertEquals("", d.inputPorts().get(0).contractId());
    }

    @Test
    void theGeneratedContractNamesTheProductByItsAddress() {
        DataProduct p = valid(new TestInputPort("orders"), new TestOutputPort("files")).build();
        CustomProperty link = p.contract().customProperties().stream()
                .filter(c -> c.property().equals(DataProduct.PRODUCT_ID_PROPERTY)).findFirst().orElseThrow();
        assertEquals("urn:dataproduct:retail:historical-purchases:v1", link.value());
        assertEquals("historical-purchases", p.contract().dataProduct());
    }

    @Test
    void describeOfAFoundationalProductHasNoPattern() {
        ProductDescriptor d = valid(new TestInputPort("orders"), new TestOutputPort("files")).build().describe();
        assertEquals("foundational", d.kind());
        assertEquals("", d.pattern());
        assertEquals(4, d.supportTier());
        assertEquals(List.of(), d.tags());
    }

    @Test
    void theAddressCarriesTheMajorVersionOnly() {
        DataProduct p = valid(new TestInputPort("orders"), new TestOutputPort("files")).version("2.3.4-rc.1").build();
        assertEquals("urn:dataproduct:retail:historical-purchases:v2", p.address().urn());
        assertEquals("2.3.4-rc.1", p.describe().version());
        assertEquals("urn:dataproduct:retail:historical-purchases:v2:dataset:purchases",
                p.describe().datasets().get(0).address());
    }
}

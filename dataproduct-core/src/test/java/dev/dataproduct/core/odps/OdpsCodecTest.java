package dev.dataproduct.core.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OdpsCodecTest {

    private static DataProduct product() {
        InputPort orders = new InputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("orders", "file", "csv", "/data/orders.csv");
            }

            @Override
            public Dataset open(InputContext context) {
                throw new UnsupportedOperationException("not run in this test");
            }
        };
        OutputPort files = new OutputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("files", "file", "arrow-ipc", "/srv/purchases");
            }

            @Override
            public void publish(CommittedSnapshot snapshot) {
            }
        };
        return DataProduct.builder("customer-purchases")
                .domain("retail").version("2.3.1")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("Purchases per customer.")
                .description("Joined from orders and customers.")
                .alignment(Alignment.AGGREGATE)
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .qualityTier(QualityTier.GOLD)
                .supportTier(1)
                .tags("retail", "customer")
                .link("runbook", "https://example.com/runbook")
                .input(orders)
                .output(DatasetSpec.named("purchases")
                        .field("id", LogicalType.STRING, f -> f.primaryKey())
                        .field("amount", LogicalType.decimal(12, 2), f -> f.required().minimum(0)))
                .serve(files)
                .managementPort(new ManagementPort("datasheet", "discoverability", "rest",
                        "https://example.com/products/customer-purchases", "The data sheet."))
                .transform(ctx -> ctx.input("orders"))
                .build();
    }

    private static DataProduct minimal() {
        return DataProduct.builder("stock-levels")
                .domain("supply").version("0.1.0")
                .owner(Owner.person("Bo Lind", "bo.lind@example.com"))
                .purpose("Stock per store.")
                .output(DatasetSpec.named("stock").field("sku", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("none"))
                .build();
    }

    private static List<String> officialViolations(String json) {
        return OfficialOdpsSchema.violations(json, "v1.0.0");
    }

    @Test
    void theDescriptorRoundTripsThroughOdpsYamlAndJson() {
        DataProduct p = product();
        assertEquals(p.describe(), OdpsCodec.fromYaml(OdpsCodec.toYaml(p), id -> p.contract()));
        assertEquals(p.describe(), OdpsCodec.fromJson(OdpsCodec.toJson(p), id -> p.contract()));
    }

    @Test
    void aDocumentTheSdkWroteHasNothingMissing() {
        DataProduct p = product();
        OdpsDocument doc = OdpsCodec.readYaml(OdpsCodec.toYaml(p), id -> p.contract());
        assertEquals(List.of(), doc.notes());
        assertTrue(doc.complete());
        assertEquals(p.describe().address(), doc.id());
        assertEquals(OdpsCodec.document(p), doc);
    }

    @Test
    void theDatasetsOfAProductThatServesNoPortYetSurviveTheRoundTrip() throws Exception {
        DataProduct p = minimal();
        assertEquals(p.describe(), OdpsCodec.fromYaml(OdpsCodec.toYaml(p), id -> p.contract()));
        JsonNode doc = JsonMapper.builder().build().readTree(OdpsCodec.toJson(p));
        JsonNode contract = null;
        for (JsonNode c : doc.get("customProperties")) {
            if (c.get("property").asText().equals("outputContract")) {
                contract = c.get("value");
            }
        }
        assertEquals("urn:dataproduct:supply:stock-levels:contract", contract.get("id").asText());
        assertEquals("0.1.0", contract.get("version").asText());
    }

    @Test
    void everyDocumentTheSdkWritesIsValidAgainstTheOfficialSchema() {
        for (DataProduct p : List.of(product(), minimal())) {
            assertEquals(List.of(), officialViolations(OdpsCodec.toJson(p)), p.toString());
        }
    }

    @Test
    void linksWhoseTitleIsNoOdpsDefinitionTypeAreKeptAsACustomProperty() throws Exception {
        DataProduct p = DataProduct.builder("stock-levels")
                .domain("supply").version("0.1.0")
                .owner(Owner.person("Bo Lind", "bo.lind@example.com"))
                .purpose("Stock per store.")
                .link("tutorial", "https://example.com/tutorial")
                .link("runbook", "https://example.com/runbook")
                .output(DatasetSpec.named("stock").field("sku", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("none"))
                .build();
        JsonNode doc = JsonMapper.builder().build().readTree(OdpsCodec.toJson(p));
        assertEquals("tutorial", doc.get("authoritativeDefinitions").get(0).get("type").asText());
        assertEquals(1, doc.get("authoritativeDefinitions").size());
        assertEquals(List.of(), officialViolations(OdpsCodec.toJson(p)));
        assertEquals(p.describe().links(), OdpsCodec.fromJson(OdpsCodec.toJson(p), id -> p.contract()).links());
    }

    @Test
    void writesTheFieldsOdpsRequiresAndLinksOutputPortsToTheContract() throws Exception {
        DataProduct p = product();
        JsonNode doc = JsonMapper.builder().build().readTree(OdpsCodec.toJson(p));
        assertEquals("v1.0.0", doc.get("apiVersion").asText());
        assertEquals("DataProduct", doc.get("kind").asText());
        assertEquals("urn:dataproduct:retail:customer-purchases:v2", doc.get("id").asText());
        assertEquals("draft", doc.get("status").asText());
        JsonNode out = doc.get("outputPorts").get(0);
        assertEquals("urn:dataproduct:retail:customer-purchases:contract", out.get("contractId").asText());
        assertEquals("2.3.1", out.get("version").asText());
        JsonNode in = doc.get("inputPorts").get(0);
        assertEquals("orders", in.get("name").asText());
        assertEquals("urn:dataproduct:retail:customer-purchases:v2:port:orders", in.get("contractId").asText());
        assertEquals("owner", doc.get("team").get(0).get("role").asText());
        assertEquals("discoverability", doc.get("managementPorts").get(0).get("content").asText());
    }

    @Test
    void reportsEveryWayADocumentBreaksTheOdpsSchemaWithItsJsonPath() {
        String yaml = "apiVersion: v2.0.0\nkind: Product\nname: x\nversion: 1.0\ndescription: {}\n"
                + "owner: ana\ncustomProperties: [{property: supportTier}]\noutputPorts: [{version: 1.0.0}]\n"
                + "team: {name: retail}\n";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdpsCodec.fromYaml(yaml, id -> null));
        List<String> problems = e.problems();
        assertTrue(problems.contains("$.id: missing; DataProduct requires [apiVersion, kind, id, status]"),
                problems.toString());
        assertTrue(problems.contains("$.status: missing; DataProduct requires [apiVersion, kind, id, status]"),
                problems.toString());
        assertTrue(problems.contains("$.apiVersion: 'v2.0.0' is not one of [v0.9.0, v1.0.0]"), problems.toString());
        assertTrue(problems.contains("$.kind: 'Product' is not one of [DataProduct]"), problems.toString());
        assertTrue(problems.contains("$.version: must be a string, found number (quote it in YAML)"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.owner: not a property of DataProduct")),
                problems.toString());
        assertTrue(problems.contains("$.customProperties[0].value: missing; CustomProperty requires [property, value]"),
                problems.toString());
        assertTrue(problems.contains("$.outputPorts[0].name: missing; OutputPort requires [name, version]"),
                problems.toString());
        assertTrue(problems.contains("$.team: must be an array, found object"), problems.toString());
        assertEquals(9, problems.size(), problems.toString());
        for (String p : problems) {
            assertTrue(p.startsWith("$."), p);
        }
    }

    @Test
    void readsAliasesAsTheValuesOfTheirAnchorsAndMergesMergeKeys() {
        String yaml = "apiVersion: v1.0.0\nkind: DataProduct\nid: x\nstatus: draft\nname: &name shipments\n"
                + "domain: *name\ninputPorts:\n  - &port\n    name: orders\n    version: 1.0.0\n"
                + "    contractId: orders-contract\n  - <<: *port\n    version: 2.0.0\n";
        OdpsDocument doc = OdpsCodec.readYaml(yaml, id -> null);
        assertEquals("shipments", doc.tree().path("domain").asText(), "the alias stands for its anchor's value");
        JsonNode merged = doc.tree().path("inputPorts").path(1);
        assertEquals("orders", merged.path("name").asText(), "merged from the anchor");
        assertEquals("orders-contract", merged.path("contractId").asText(), "merged from the anchor");
        assertEquals("2.0.0", merged.path("version").asText(), "the mapping's own key wins over the merged one");
        assertFalse(merged.has("<<"), merged.toString());
        assertFalse(OdpsCodec.toYaml(doc).contains("<<"), "the merge key is not written back");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLineRatherThanOneValueLost() {
        String yaml = "apiVersion: v1.0.0\nkind: DataProduct\nid: x\nstatus: draft\nname: first\nname: second\n";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdpsCodec.readYaml(yaml, id -> null));
        assertTrue(e.problems().get(0).contains("'name'") && e.problems().get(0).contains("line 6"),
                e.problems().toString());
        String json = "{\"apiVersion\": \"v1.0.0\", \"kind\": \"DataProduct\", \"id\": \"x\", \"id\": \"y\", "
                + "\"status\": \"draft\"}";
        InvalidDefinitionException j = assertThrows(InvalidDefinitionException.class,
                () -> OdpsCodec.readJson(json, id -> null));
        assertTrue(j.problems().get(0).contains("'id'"), j.problems().toString());
    }

    @Test
    void aDocumentOfVersion090MayNotUseTheApiVersionOf100Fields() {
        String yaml = "apiVersion: v0.9.0\nkind: DataProduct\nid: x\nstatus: draft\nsurprise: true\n";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdpsCodec.fromYaml(yaml, id -> null));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("$.surprise: not a property of DataProduct"), e.problems().toString());
    }
}

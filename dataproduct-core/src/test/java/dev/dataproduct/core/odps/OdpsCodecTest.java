package dev.dataproduct.core.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theDescriptorRoundTripsThroughOdpsYamlAndJson() {
        DataProduct p = product();
        assertEquals(p.describe(), OdpsCodec.fromYaml(OdpsCodec.toYaml(p), id -> p.contract()));
        assertEquals(p.describe(), OdpsCodec.fromJson(OdpsCodec.toJson(p), id -> p.contract()));
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
        assertEquals("owner", doc.get("team").get("members").get(0).get("role").asText());
        assertEquals("discoverability", doc.get("managementPorts").get(0).get("content").asText());
    }

    @Test
    void reportsEveryProblemOfABrokenDocument() {
        String yaml = "apiVersion: v2.0.0\nkind: Product\nname: x\nstatus: unknown\ndescription: {}\n"
                + "customProperties: [{property: supportTier, value: many}]\noutputPorts: [{version: 1.0.0}]\n";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdpsCodec.fromYaml(yaml, id -> null));
        List<String> problems = e.problems();
        assertTrue(problems.contains("apiVersion: 'v2.0.0' is not one of v1.0.0, v0.9.0"), problems.toString());
        assertTrue(problems.contains("kind: must be DataProduct"), problems.toString());
        assertTrue(problems.contains("id: missing"), problems.toString());
        assertTrue(problems.contains("description.purpose: missing"), problems.toString());
        assertTrue(problems.contains("customProperties.supportTier: must be 1 to 4"), problems.toString());
        assertTrue(problems.contains("team.members: no member with role owner"), problems.toString());
        assertTrue(problems.contains("outputPorts[0].name: missing"), problems.toString());
        assertTrue(problems.size() >= 8, problems.toString());
    }
}

package dev.dataproduct.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OdpsDocument;
import dev.dataproduct.core.odps.OdpsTestDocuments;
import dev.dataproduct.core.odps.OfficialOdpsSchema;
import java.time.Clock;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final String FOOTFALL_ID = "8b1f3c0e-1111-4c2a-9d7e-000000000009";
    private static final String LEDGER_ID = "payments-ledger";

    private static OdpsDocument foreign(String name) {
        return OdpsCodec.readYaml(OdpsTestDocuments.foreign(name), id -> null);
    }

    private static DataProduct.Builder consumer() {
        return DataProduct.builder("store-report")
                .domain("stores").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("Footfall against sales per store.")
                .tags("stores")
                .output(DatasetSpec.named("report").field("store", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("footfall"));
    }

    private static Catalog mesh() {
        Catalog catalog = new Catalog();
        catalog.register(foreign("03-v0.9.0.odps.yaml"));
        catalog.register(foreign("04-port-versions.odps.yaml"));
        catalog.register(foreign("02-uuid-id.odps.yaml"));
        return catalog;
    }

    @Test
    void findsForeignAndSdkProductsByAddressIdNameDomainAndTag() {
        Catalog catalog = mesh();
        DataProduct report = consumer().input(CatalogInput.of("footfall", catalog, FOOTFALL_ID)).build();
        catalog.register(report);
        assertEquals(4, catalog.entries().size());
        assertEquals(FOOTFALL_ID, catalog.byAddress("urn:dataproduct:stores:store-footfall:v0").orElseThrow().id());
        assertEquals("urn:dataproduct:stores:store-footfall:v0", catalog.byId(FOOTFALL_ID).orElseThrow().address());
        assertEquals(CatalogEntry.Origin.SDK, catalog.byId(report.address().urn()).orElseThrow().origin());
        assertEquals(CatalogEntry.Origin.ODPS_DOCUMENT, catalog.byId(LEDGER_ID).orElseThrow().origin());
        assertEquals(List.of(FOOTFALL_ID), catalog.byName("stores", "Store Footfall").stream()
                .map(CatalogEntry::id).toList());
        assertEquals(List.of(FOOTFALL_ID, report.address().urn()), catalog.byDomain("stores").stream()
                .map(CatalogEntry::id).toList());
        assertEquals(List.of("5d0c6a52-9a57-4b0e-8f35-2f2b7c1de0aa"), catalog.byTag("crm").stream()
                .map(CatalogEntry::id).toList());
        assertEquals(List.of(report.address().urn()), catalog.byTag("stores").stream().map(CatalogEntry::id).toList());
    }

    @Test
    void anInputReferringToAForeignProductByIdIsRecordedWithItsContractAndVersion() {
        Catalog catalog = mesh();
        DataProduct report = consumer().input(CatalogInput.of("footfall", catalog, FOOTFALL_ID)).build();
        PortEntry in = report.describe().inputPorts().get(0);
        assertEquals("c0ffee00-0000-4000-8000-000000000001", in.contractId());
        assertEquals("0.4.0", in.version());
        assertEquals("product", in.kind());
        assertEquals("urn:dataproduct:stores:store-footfall:v0", in.location());
    }

    @Test
    void theDocumentOfAProductWithACatalogInputValidatesAndNamesTheContractRead() throws Exception {
        Catalog catalog = mesh();
        DataProduct report = consumer()
                .input(CatalogInput.of("payments", catalog, "urn:dataproduct:finance:payments-ledger:v2", "transactions"))
                .build();
        String json = OdpsCodec.toJson(report);
        assertEquals(List.of(), OfficialOdpsSchema.violations(json, "v1.0.0"));
        JsonNode in = JsonMapper.builder().build().readTree(json).get("inputPorts").get(0);
        assertEquals("payments-transactions-stream-contract", in.get("contractId").asText());
        assertEquals("2.1.0", in.get("version").asText());
        assertEquals(report.describe(), OdpsCodec.readYaml(OdpsCodec.toYaml(report), id -> report.contract())
                .descriptor());
    }

    @Test
    void aProductWhoseOutputsNameNoContractIsReferencedByItsIdAndVersion() {
        Catalog catalog = mesh();
        PortEntry in = consumer().input(CatalogInput.of("customers", catalog, "5d0c6a52-9a57-4b0e-8f35-2f2b7c1de0aa"))
                .build().describe().inputPorts().get(0);
        assertEquals("5d0c6a52-9a57-4b0e-8f35-2f2b7c1de0aa", in.contractId());
        assertEquals("0.0.0", in.version());
    }

    @Test
    void anInputReferringToNoCataloguedProductIsAnInvalidDefinitionThatSaysWhatToDo() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> CatalogInput.of("orders", mesh(), "urn:dataproduct:retail:orders:v1"));
        assertTrue(e.getMessage().contains("'urn:dataproduct:retail:orders:v1', which is no address or id of a "
                + "catalogued product: register"), e.getMessage());
        InvalidDefinitionException port = assertThrows(InvalidDefinitionException.class,
                () -> CatalogInput.of("payments", mesh(), LEDGER_ID, "refunds"));
        assertTrue(port.getMessage().contains("has no output port 'refunds'; it has [transactions]"),
                port.getMessage());
    }

    @Test
    void readingTheDataOfACataloguedProductIsNotSupportedYetAndSaysSo() {
        CatalogInput input = CatalogInput.of("footfall", mesh(), FOOTFALL_ID);
        try (BufferAllocator allocator = new RootAllocator()) {
            PortException e = assertThrows(PortException.class,
                    () -> input.open(new InputContext(allocator, Clock.systemUTC(), row -> { })));
            assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
        }
    }

    @Test
    void twoProductsMayNotShareAnAddressButADocumentMayReplaceItsOlderSelf() {
        Catalog catalog = mesh();
        OdpsDocument footfall = foreign("03-v0.9.0.odps.yaml");
        catalog.register(footfall);
        assertEquals(3, catalog.entries().size());
        String clash = OdpsTestDocuments.foreign("03-v0.9.0.odps.yaml").replace(FOOTFALL_ID, "another-id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.register(OdpsCodec.readYaml(clash, id -> null)));
        assertTrue(e.getMessage().contains("which product '" + FOOTFALL_ID + "' already holds"), e.getMessage());
    }
}

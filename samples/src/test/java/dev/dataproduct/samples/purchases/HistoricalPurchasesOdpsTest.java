package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.catalog.Catalog;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OdpsDocument;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoricalPurchasesOdpsTest {
    /** The official schema, kept once in the core module's test resources with its source. */
    private static final Path SCHEMA = Path.of("..", "dataproduct-core", "src", "test", "resources", "odps", "schema",
            "odps-json-schema-v1.0.0.json");

    private static List<String> violations(String json) throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
            return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
        }
    }

    @Test
    void theSamplesOdpsDocumentIsValidAgainstTheOfficialSchema() throws IOException {
        DataProduct sample = HistoricalPurchases.define(Path.of("orders.csv"), ArrowFileOutput.at(Path.of("served")));
        assertEquals(List.of(), violations(OdpsCodec.toJson(sample)));
        DataProduct fromContract = HistoricalPurchases.fromContract(
                HistoricalPurchases.contract(HistoricalPurchases.CONTRACT), Path.of("orders.csv"));
        assertEquals(List.of(), violations(OdpsCodec.toJson(fromContract)));
    }

    @Test
    void theSampleRegisteredInACatalogIsFoundByItsAddressWithNothingMissing() {
        DataProduct sample = HistoricalPurchases.define(Path.of("orders.csv"), ArrowFileOutput.at(Path.of("served")));
        Catalog catalog = new Catalog();
        catalog.register(sample);
        OdpsDocument doc = catalog.resolve("urn:dataproduct:retail:historical-purchases:v1").orElseThrow().document();
        assertEquals(List.of(), doc.notes());
        assertEquals(sample.describe(), OdpsCodec.readYaml(OdpsCodec.toYaml(doc), id -> sample.contract()).descriptor());
    }
}

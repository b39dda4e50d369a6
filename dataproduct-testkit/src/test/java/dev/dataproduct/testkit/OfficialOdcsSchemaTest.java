package dev.dataproduct.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.testkit.gen.Contracts;
import dev.dataproduct.testkit.gen.Schemas;
import dev.dataproduct.testkit.port.RowsInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the generator makes and what the SDK writes validates against the official ODCS v3.1.0 JSON
 * schema (a test resource, see {@code odcs/README.md}).
 */
class OfficialOdcsSchemaTest {
    private static final Schema ODCS = load();
    private static final long SEED = 20_261_201L;

    private static Schema load() {
        try (InputStream in = OfficialOdcsSchemaTest.class.getResourceAsStream("/odcs/odcs-json-schema-v3.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(DataContract contract) {
        return errors(OdcsCodec.toJson(contract));
    }

    /** @return the violations of the official ODCS v3.1.0 schema by a JSON document */
    static List<String> errors(String json) {
        return ODCS.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static void assertValid(String what, DataContract contract) {
        List<String> errors = errors(contract);
        if (!errors.isEmpty()) {
            fail(what + " of seed " + SEED + " breaks the ODCS schema: " + errors + "\n" + OdcsCodec.toYaml(contract));
        }
    }

    @Test
    void everyGeneratedContractValidates() {
        Random random = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            assertValid("generated contract " + i, Contracts.contracts().generate(random));
        }
    }

    @Test
    void theSampleContractValidatesAsTheSdkWritesIt() {
        for (String version : List.of("1.2.0", "1.3.0")) {
            Path file = Path.of("..", "samples", "src", "main", "resources", "contracts",
                    "historical-purchases-" + version + ".odcs.yaml");
            DataContract contract = OdcsCodec.read(file);
            assertEquals(List.of(), errors(contract), file.toString());
        }
    }

    @Test
    void contractsExportedFromGeneratedDatasetsValidate() {
        Random random = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            DatasetSpec.Builder dataset = DatasetSpec.named("dataset_" + i).description("Generated " + i + ".");
            for (Field field : Schemas.schemas(10).generate(random).fields()) {
                dataset.field(field);
            }
            SchemaObject object = ContractSchemas.toSchemaObject(dataset.build());
            DataContract contract = new DataContract(DataContract.CURRENT_API_VERSION, "DataContract", "c-" + i,
                    "1.0.0", "active", "generated", "", "", "", List.of(), ContractDescription.EMPTY,
                    List.of(object), List.of(), List.of(), Optional.empty(), List.of(), Optional.empty(), List.of(),
                    "", List.of(), List.of(), "", Map.of());
            assertValid("the export of generated dataset " + i, contract);
        }
    }

    @Test
    void contractsOfGeneratedProductsValidate() {
        Random random = new Random(SEED);
        for (int i = 0; i < 30; i++) {
            dev.dataproduct.api.schema.Schema schema = Schemas.schemas(8).generate(random);
            DatasetSpec.Builder output = DatasetSpec.named("out_" + i);
            schema.fields().forEach(output::field);
            DataContract contract = DataProduct.builder("generated-" + i).domain("tests").version("1." + i + ".0")
                    .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com")).purpose("Generated product " + i + ".")
                    .input(RowsInput.of("in", schema, List.of())).output(output.build())
                    .transform(ctx -> ctx.input("in")).build().contract();
            assertValid("the contract of generated product " + i, contract);
        }
    }

    @Test
    void theSchemaRefusesWhatTheReaderRefuses() {
        // a guard that the validator really validates: a postgres server needs its host
        List<String> errors = new ArrayList<>(ODCS.validate("{\"apiVersion\": \"v3.1.0\", \"kind\": \"DataContract\", "
                + "\"id\": \"x\", \"version\": \"1\", \"status\": \"draft\", \"servers\": [{\"server\": \"s\", "
                + "\"type\": \"postgres\", \"port\": 5432, \"database\": \"d\", \"schema\": \"s\"}]}",
                InputFormat.JSON).stream().map(Object::toString).toList());
        assertFalse(errors.isEmpty());
    }
}

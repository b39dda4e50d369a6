package dev.dataproduct.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import dev.dataproduct.core.quality.profile.Profiler;
import java.nio.file.Files;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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
    void everySampleContractValidatesAsWrittenAndAsTheSdkWritesIt() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("..", "samples", "src", "main", "resources", "contracts"))) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".odcs.yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String asWritten = OdcsCodec.toJson(OdcsCodec.read(file));
            assertEquals(List.of(), errors(asWritten), file.toString());
            JsonNode original = new YAMLMapper().readTree(Files.readString(file));
            assertEquals(List.of(), errors(original.toString()), file + " as written by hand");
        }
    }

    @Test
    void rulesWrittenForChecksOfEveryKindValidate() {
        List<Check> checks = List.of(Check.rowCount().atLeast(10), Check.completeness("a").atLeast(0.99),
                Check.nulls("a").atMost(0), Check.missing("a", "", "n/a").atMost(3),
                Check.allowedValues("a", "x", "y").atMost(0), Check.pattern("a", "^[a-z]+$").atMost(0),
                Check.range("n", 1, 10).atMost(0), Check.length("a", 1, 5).atMost(0),
                Check.duplicates("a").atMost(0), Check.unique("a", "n"), Check.min("n").atLeast(1),
                Check.max("n").atMost(10), Check.mean("n").greaterThan(0), Check.sum("n").lessThan(1e6),
                Check.approxDistinct("a").atLeast(2), Check.freshness("t").atMost(3600));
        Map<String, List<QualityRule>> rules = OdcsQuality.toRules(checks);
        assertFalse(rules.isEmpty());
        assertValid("the rules written for checks", contractWith(rules));
    }

    @Test
    void rulesTheProfilerSuggestsValidate() {
        Random random = new Random(SEED);
        dev.dataproduct.api.schema.Schema schema = dev.dataproduct.api.schema.Schema.of(
                Field.of("code", LogicalType.STRING, false), Field.of("n", LogicalType.INT32, true),
                Field.of("price", LogicalType.FLOAT64, false));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = new ArrayList<>();
            try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
                for (int i = 0; i < 500; i++) {
                    b.addRow(random.nextInt(10) == 0 ? null : "c" + random.nextInt(5), i,
                            random.nextDouble() * 100);
                }
                batches.add(b.build());
            }
            try {
                Map<String, List<QualityRule>> rules = Profiler.profile("profiled", schema,
                        Dataset.of("profiled", schema, batches), Clock.systemUTC()).suggestRules();
                assertFalse(rules.isEmpty());
                assertValid("the rules the profiler suggests", contractWith(rules));
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /** @return a contract of one object holding the rules, those of the object under the key "" */
    private static DataContract contractWith(Map<String, List<QualityRule>> rules) {
        List<SchemaProperty> properties = rules.keySet().stream().filter(k -> !k.isEmpty())
                .map(k -> new SchemaProperty("", k, "", "", "string", Map.of(), false, false, false, -1, false, -1, "",
                        false, "", List.of(), "", "", List.of(), "", "", List.of(), Optional.empty(), List.of(),
                        rules.get(k), List.of(), List.of(), List.of(), Map.of())).toList();
        SchemaObject object = new SchemaObject("", "t", "", "", "", "", "", "", List.of(), properties,
                rules.getOrDefault("", List.of()), List.of(), List.of(), List.of(), Map.of());
        return new DataContract("", "", "rules", "1.0.0", "draft", "", "", "", "", List.of(),
                ContractDescription.EMPTY, List.of(object), List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), "", List.of(), List.of(), "", Map.of());
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

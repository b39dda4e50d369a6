package dev.dataproduct.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ContractSchemasTest {

    private static DatasetSpec purchases() {
        return DatasetSpec.named("purchases")
                .description("One row per purchase.")
                .field("purchase_id", LogicalType.STRING, f -> f.primaryKey().description("The order line."))
                .field("customer_id", LogicalType.STRING, f -> f.required().conformedKey("customer"))
                .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{6}").length(10, 10))
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000).examples("1", "12"))
                .field("price", LogicalType.decimal(10, 2), f -> f.minimum(new BigDecimal("0.01")))
                .field("ratio", LogicalType.FLOAT32, f -> f.maximum(1.5))
                .field("day", LogicalType.DATE, f -> f.minimum("2020-01-01"))
                .field("at", LogicalType.timestamp(TimePrecision.MILLIS, true), f -> f.required())
                .field("local_at", LogicalType.TIMESTAMP)
                .field("email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED).personalData())
                .field("channel", LogicalType.STRING, f -> f.allowedValues("web", "store"))
                .field("tags", LogicalType.arrayOf(LogicalType.STRING), f -> f.length(0, 5))
                .field("address", LogicalType.struct(Field.of("city", LogicalType.STRING, true),
                        Field.of("zip", LogicalType.INT32, false)))
                .build();
    }

    @Test
    void aDatasetSurvivesTheTripThroughAnOdcsSchemaObject() {
        DatasetSpec spec = purchases();
        List<String> problems = new ArrayList<>();
        Optional<DatasetSpec> back = ContractSchemas.toDataset(ContractSchemas.toSchemaObject(spec), problems);
        assertEquals(List.of(), problems);
        assertEquals(spec, back.orElseThrow());
    }

    @Test
    void writesOdcsLogicalTypesAndOptions() {
        SchemaObject o = ContractSchemas.toSchemaObject(purchases());
        SchemaProperty quantity = o.property("quantity").orElseThrow();
        assertEquals("integer", quantity.logicalType());
        assertEquals("int32", quantity.physicalType());
        assertEquals(Map.of("format", "i32", "minimum", 1L, "maximum", 1000L), quantity.logicalTypeOptions());
        SchemaProperty price = o.property("price").orElseThrow();
        assertEquals("number", price.logicalType());
        assertEquals(new BigDecimal("0.01"), price.logicalTypeOptions().get("minimum"));
        SchemaProperty channel = o.property("channel").orElseThrow();
        assertEquals("invalidValues", channel.quality().get(0).metric());
        assertEquals(List.of("web", "store"), channel.quality().get(0).arguments().get("validValues"));
        SchemaProperty tags = o.property("tags").orElseThrow();
        assertEquals(5L, tags.logicalTypeOptions().get("maxItems"));
        assertEquals("string", tags.items().orElseThrow().logicalType());
        assertEquals(2, o.property("address").orElseThrow().properties().size());
        SchemaProperty email = o.property("email").orElseThrow();
        assertEquals("restricted", email.classification());
        assertEquals(List.of(CustomProperty.of("personalData", true)), email.customProperties());
        assertEquals(1, o.property("purchase_id").orElseThrow().primaryKeyPosition());
    }

    @Test
    void readsForeignPhysicalTypesByTheirLogicalType() {
        SchemaProperty varchar = new SchemaProperty("", "code", "", "VARCHAR(2)", "string", Map.of("maxLength", 2L),
                true, false, false, -1, false, -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        SchemaProperty number = SchemaProperty.of("amount", "number");
        SchemaProperty numeric = new SchemaProperty("", "total", "", "NUMERIC(12,3)", "number", Map.of(), false, false,
                false, -1, false, -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        SchemaProperty integer = SchemaProperty.of("n", "integer");
        SchemaObject o = new SchemaObject("", "t", "", "", "object", "", "", "", List.of(),
                List.of(varchar, number, numeric, integer), List.of(), List.of(), List.of(), List.of(), Map.of());
        List<String> problems = new ArrayList<>();
        DatasetSpec d = ContractSchemas.toDataset(o, problems).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals(LogicalType.STRING, d.schema().field("code").orElseThrow().type());
        assertEquals(Optional.of(2), d.schema().field("code").orElseThrow().constraints().maxLength());
        assertEquals(LogicalType.FLOAT64, d.schema().field("amount").orElseThrow().type());
        assertEquals(LogicalType.decimal(12, 3), d.schema().field("total").orElseThrow().type());
        assertEquals(LogicalType.INT32, d.schema().field("n").orElseThrow().type(), "the ODCS default format i32");
    }

    @Test
    void mapsIntegersByOneRuleBothWays() {
        for (LogicalType type : List.of(LogicalType.INT8, LogicalType.INT16, LogicalType.INT32, LogicalType.INT64)) {
            SchemaProperty exported = ContractSchemas.toProperty(Field.of("n", type, false));
            String format = "i" + ((LogicalType.IntegerType) type).bitWidth();
            assertEquals("integer", exported.logicalType());
            assertEquals(Optional.of(format), exported.option("format"));
            SchemaProperty handWritten = new SchemaProperty("", "n", "", "", "integer", Map.of("format", format), false,
                    false, false, -1, false, -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(),
                    Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
            List<String> problems = new ArrayList<>();
            assertEquals(Optional.of(type), ContractSchemas.toField("t", handWritten, problems).map(Field::type));
            assertEquals(Optional.of(type), ContractSchemas.toField("t", exported, problems).map(Field::type));
            assertEquals(List.of(), problems);
        }
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.of(LogicalType.INT32), ContractSchemas.toField("t", SchemaProperty.of("n", "integer"),
                problems).map(Field::type), "no format is the ODCS default i32, as for the Java export of an INT32");
        assertEquals(Optional.of(LogicalType.INT32), ContractSchemas.integerType(""));
        assertEquals(Optional.empty(), ContractSchemas.integerType("u16"));
    }

    @Test
    void refusesAPhysicalTypeAndFormatThatDisagree() {
        SchemaProperty p = new SchemaProperty("", "n", "", "int64", "integer", Map.of("format", "i32"), false, false,
                false, -1, false, -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.empty(), ContractSchemas.toField("t", p, problems));
        assertEquals(List.of("t, property 'n': physical type int64 and format i32 disagree; an int64 has format i64"),
                problems);
    }

    @Test
    void reportsEveryPropertyThatCannotBecomeAField() {
        SchemaObject o = new SchemaObject("", "t", "", "", "object", "", "", "", List.of(),
                List.of(SchemaProperty.of("a", "text"), SchemaProperty.of("b", ""), SchemaProperty.of("c", "array"),
                        SchemaProperty.of("d", "integer")),
                List.of(), List.of(), List.of(), List.of(), Map.of());
        List<String> problems = new ArrayList<>();
        assertTrue(ContractSchemas.toDataset(o, problems).isEmpty());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("property 'a': logicalType 'text' is not one of"), problems.get(0));
        assertTrue(problems.get(1).contains("property 'b': no logicalType"), problems.get(1));
        assertTrue(problems.get(2).contains("property 'c': an array property needs items"), problems.get(2));
    }

    private static DataProduct.Builder product(String version) {
        return DataProduct.builder("purchases-product").domain("retail").version(version)
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Purchases.")
                .input(new dev.dataproduct.api.product.TestInputPort("orders"))
                .transform(ctx -> ctx.input("orders"));
    }

    @Test
    void aProductDefinedFromAContractPublishesItsObjects() {
        DataContract contract = product("1.0.0").output(purchases()).build().contract();
        DataProduct fromContract = product("1.4.0").contract(contract).build();
        assertEquals(List.of(purchases()), fromContract.outputs());
        assertEquals(contract, fromContract.contract());
    }

    @Test
    void aGeneratedContractCarriesTheProductsIdentity() {
        DataContract c = product("1.2.0").output(purchases()).tags("b", "a").build().contract();
        assertEquals("v3.1.0", c.apiVersion());
        assertEquals("DataContract", c.kind());
        assertEquals("urn:dataproduct:retail:purchases-product:contract", c.id());
        assertEquals("1.2.0", c.version());
        assertEquals("draft", c.status());
        assertEquals("Purchases.", c.description().purpose());
        assertEquals(List.of("a", "b"), c.tags());
        assertEquals("ana@example.com", c.team().orElseThrow().members().get(0).username());
        assertEquals("owner", c.team().orElseThrow().members().get(0).role());
    }

    @Test
    void rejectsAContractOfAnotherMajorVersionAndOutputsItLacks() {
        DataContract contract = product("1.0.0").output(purchases()).build().contract();
        Executable build = () -> product("2.0.0").contract(contract)
                .output(DatasetSpec.named("refunds").field("id", LogicalType.STRING)).build();
        InvalidDefinitionException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidDefinitionException.class,
                build);
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("has major version 1 but the product version 2.0.0")),
                e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("dataset 'refunds' is not an object of contract")),
                e.getMessage());
    }
}

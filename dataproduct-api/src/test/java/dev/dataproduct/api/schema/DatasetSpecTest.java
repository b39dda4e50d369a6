package dev.dataproduct.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

    private static List<String> keyNames(DatasetSpec spec) {
        return spec.schema().primaryKey().stream().map(Field::name).toList();
    }

    private static int position(DatasetSpec spec, String field) {
        return spec.schema().field(field).orElseThrow().primaryKeyPosition();
    }

    @Test
    void buildsAValidDatasetWithFieldsInDeclarationOrder() {
        DatasetSpec spec = DatasetSpec.named("purchases")
                .description("One row per purchased SKU.")
                .field("purchase_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
                .field("note", LogicalType.STRING)
                .build();
        assertEquals("purchases", spec.name());
        assertEquals("One row per purchased SKU.", spec.description());
        assertEquals(List.of("purchase_id", "quantity", "note"), spec.schema().fieldNames());
        Field quantity = spec.schema().field("quantity").orElseThrow();
        assertTrue(quantity.required());
        assertEquals(Optional.of("1"), quantity.constraints().minimum());
        assertEquals(Optional.of("1000"), quantity.constraints().maximum());
        Field note = spec.schema().field("note").orElseThrow();
        assertFalse(note.required());
        assertTrue(note.constraints().isEmpty());
    }

    @Test
    void numbersAutomaticKeyPositionsInDeclarationOrder() {
        DatasetSpec spec = DatasetSpec.named("lines")
                .field("order_id", LogicalType.STRING, f -> f.primaryKey())
                .field("note", LogicalType.STRING)
                .field("line", LogicalType.INT32, f -> f.primaryKey())
                .build();
        assertEquals(1, position(spec, "order_id"));
        assertEquals(0, position(spec, "note"));
        assertEquals(2, position(spec, "line"));
        assertEquals(List.of("order_id", "line"), keyNames(spec));
        assertTrue(spec.schema().field("order_id").orElseThrow().required());
        assertTrue(spec.schema().field("line").orElseThrow().required());
        assertFalse(spec.schema().field("note").orElseThrow().isPrimaryKey());
    }

    @Test
    void keepsExplicitKeyPositionsAndOrdersTheKeyByThem() {
        DatasetSpec spec = DatasetSpec.named("lines")
                .field("line", LogicalType.INT32, f -> f.primaryKey(2))
                .field("order_id", LogicalType.STRING, f -> f.primaryKey(1))
                .build();
        assertEquals(2, position(spec, "line"));
        assertEquals(1, position(spec, "order_id"));
        assertEquals(List.of("order_id", "line"), keyNames(spec));
    }

    @Test
    void placesAutomaticKeyFieldsAfterExplicitPositions() {
        DatasetSpec spec = DatasetSpec.named("lines")
                .field("a", LogicalType.STRING, f -> f.primaryKey())
                .field("b", LogicalType.STRING, f -> f.primaryKey(1))
                .build();
        assertEquals(1, position(spec, "b"));
        assertEquals(2, position(spec, "a"));
    }

    @Test
    void primaryKeyByNamesSetsPositionsInTheGivenOrderAndMakesFieldsRequired() {
        DatasetSpec spec = DatasetSpec.named("lines")
                .field("order_id", LogicalType.STRING)
                .field("line", LogicalType.INT32)
                .field("sku", LogicalType.STRING)
                .primaryKey("line", "order_id")
                .build();
        assertEquals(List.of("line", "order_id"), keyNames(spec));
        assertEquals(1, position(spec, "line"));
        assertEquals(2, position(spec, "order_id"));
        assertEquals(0, position(spec, "sku"));
        assertTrue(spec.schema().field("line").orElseThrow().required());
        assertTrue(spec.schema().field("order_id").orElseThrow().required());
        assertFalse(spec.schema().field("sku").orElseThrow().required());
    }

    @Test
    void primaryKeyByNamesReplacesAnEarlierDeclaration() {
        DatasetSpec spec = DatasetSpec.named("lines")
                .field("a", LogicalType.STRING)
                .field("b", LogicalType.STRING)
                .primaryKey("a")
                .primaryKey("b")
                .build();
        assertEquals(List.of("b"), keyNames(spec));
        assertFalse(spec.schema().field("a").orElseThrow().required());
    }

    @Test
    void aValidDefinitionHasNoProblems() {
        DatasetSpec.Builder b = DatasetSpec.named("ok").field("id", LogicalType.INT64, f -> f.primaryKey());
        assertEquals(List.of(), b.problems());
    }

    @Test
    void problemsReportsEveryProblemAtOnce() {
        DatasetSpec.Builder b = DatasetSpec.named("bad")
                .field("id", LogicalType.STRING)
                .field("id", LogicalType.STRING)
                .field("1st", LogicalType.STRING)
                .field("qty", LogicalType.INT32, f -> f.pattern("\\d+"))
                .field("price", LogicalType.decimal(10, 2), f -> f.minimum(10).maximum(5))
                .field("n", LogicalType.INT64, f -> f.minimum("ten"))
                .field("code", LogicalType.STRING, f -> f.pattern("[a-"))
                .field("count", LogicalType.INT32, f -> f.length(1, 5))
                .field("status", LogicalType.INT32, f -> f.allowedValues("1", "two"))
                .primaryKey("missing");
        List<String> problems = b.problems();
        assertEquals(9, problems.size(), String.join("\n", problems));
        assertEquals("dataset 'bad', field 'id': declared more than once", problems.get(0));
        assertEquals("dataset 'bad', field '1st': a field name must be letters, digits and '_', not starting "
                + "with a digit", problems.get(1));
        assertEquals("dataset 'bad', field 'qty': a pattern applies to string fields, not int32", problems.get(2));
        assertEquals("dataset 'bad', field 'price': minimum 10 is greater than maximum 5", problems.get(3));
        assertEquals("dataset 'bad', field 'n': minimum 'ten' is not a number", problems.get(4));
        assertTrue(problems.get(5).startsWith("dataset 'bad', field 'code': pattern '[a-' is not a valid regular "
                + "expression: "), problems.get(5));
        assertEquals("dataset 'bad', field 'count': length bounds apply to string and array fields, not int32",
                problems.get(6));
        assertEquals("dataset 'bad', field 'status': allowed value 'two' is not a number of type int32",
                problems.get(7));
        assertEquals("dataset 'bad': the primary key names field 'missing', which the dataset does not have; "
                + "fields are [id, 1st, qty, price, n, code, count, status]", problems.get(8));
    }

    @Test
    void buildThrowsEveryProblemInOneException() {
        DatasetSpec.Builder b = DatasetSpec.named("bad")
                .field("id", LogicalType.STRING)
                .field("id", LogicalType.INT32)
                .field("when", LogicalType.DATE, f -> f.minimum(LocalDate.of(2024, 2, 1)).maximum("2024-01-01"));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, b::build);
        assertEquals("dataset 'bad'", e.subject());
        assertEquals(b.problems(), e.problems());
        assertEquals(List.of("dataset 'bad', field 'id': declared more than once",
                "dataset 'bad', field 'when': minimum 2024-02-01 is greater than maximum 2024-01-01"), e.problems());
        assertTrue(e.getMessage().startsWith("Invalid definition of dataset 'bad': 2 problems"), e.getMessage());
    }

    @Test
    void reportsAnInvalidDatasetNameAndADatasetWithoutFields() {
        List<String> problems = DatasetSpec.named("Bad Name").problems();
        assertEquals(List.of(
                "dataset 'Bad Name': the name must be lower-case letters, digits, '-' or '_', starting with a letter",
                "dataset 'Bad Name': declares no fields; add at least one with field(name, type)"), problems);
    }

    @Test
    void reportsTwoFieldsAtOneKeyPosition() {
        List<String> problems = DatasetSpec.named("d")
                .field("a", LogicalType.STRING, f -> f.primaryKey(1))
                .field("b", LogicalType.STRING, f -> f.primaryKey(1))
                .problems();
        assertEquals(List.of("dataset 'd', field 'b': primary key position 1 is already taken by field 'a'"),
                problems);
    }

    @Test
    void reportsAKeyDeclaredBothOnFieldsAndByNames() {
        List<String> problems = DatasetSpec.named("d")
                .field("a", LogicalType.STRING, f -> f.primaryKey())
                .field("b", LogicalType.STRING)
                .primaryKey("b")
                .problems();
        assertEquals(List.of("dataset 'd': the primary key is declared both on fields and with primaryKey(...); "
                + "use one"), problems);
    }

    @Test
    void reportsBoundsThatDoNotFitTheFieldType() {
        List<String> problems = DatasetSpec.named("d")
                .field("name", LogicalType.STRING, f -> f.minimum(1))
                .field("day", LogicalType.DATE, f -> f.maximum("2024-13-01"))
                .field("tags", LogicalType.arrayOf(LogicalType.STRING), f -> f.allowedValues("a"))
                .field("flag", LogicalType.BOOLEAN, f -> f.allowedValues("true", "maybe"))
                .problems();
        assertEquals(List.of(
                "dataset 'd', field 'name': a minimum applies to numbers, dates, times and timestamps, not string; "
                        + "use a length bound or allowed values",
                "dataset 'd', field 'day': maximum '2024-13-01' is not an ISO-8601 date",
                "dataset 'd', field 'tags': allowed values apply to scalar fields, not array<string>",
                "dataset 'd', field 'flag': allowed value 'maybe' is not a boolean (true, false, 1 or 0)"), problems);
    }

    @Test
    void reportsLengthBoundsThatAreNegativeOrReversed() {
        List<String> problems = DatasetSpec.named("d")
                .field("a", LogicalType.STRING, f -> f.length(5, 2))
                .field("b", LogicalType.STRING, f -> f.minLength(-1))
                .problems();
        assertEquals(List.of("dataset 'd', field 'a': minimum length 5 is greater than maximum length 2",
                "dataset 'd', field 'b': minimum length must not be negative: -1"), problems);
    }

    @Test
    void acceptsWellFormedConstraintsOfEveryKind() {
        DatasetSpec.Builder b = DatasetSpec.named("d")
                .field("sku", LogicalType.STRING, f -> f.pattern("SKU-\\d{6}").length(10, 10).allowedValues("SKU-000001"))
                .field("price", LogicalType.decimal(10, 2), f -> f.range(new BigDecimal("0.01"), new BigDecimal("9.99")))
                .field("ratio", LogicalType.FLOAT64, f -> f.minimum(0.5).maximum(1.5))
                .field("day", LogicalType.DATE, f -> f.minimum(LocalDate.of(2024, 1, 1)).maximum("2024-12-31"))
                .field("tags", LogicalType.arrayOf(LogicalType.STRING), f -> f.maxLength(3));
        assertEquals(List.of(), b.problems());
        DatasetSpec spec = b.build();
        assertEquals(Optional.of("0.5"), spec.schema().field("ratio").orElseThrow().constraints().minimum());
        assertEquals(Optional.of("2024-01-01"), spec.schema().field("day").orElseThrow().constraints().minimum());
    }

    @Test
    void addsAFieldBuiltElsewhereWithAllItsParts() {
        Field email = Field.builder("email", LogicalType.STRING)
                .required()
                .description("Contact address.")
                .classification(Classification.CONFIDENTIAL)
                .personalData()
                .conformedKey("customer")
                .examples("ana@example.com")
                .build();
        DatasetSpec spec = DatasetSpec.named("customers").field(email).build();
        assertEquals(email, spec.schema().field("email").orElseThrow());
    }

    @Test
    void theRecordRejectsAnInvalidName() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetSpec("Purchases", "", schema));
        assertTrue(e.getMessage().contains("'Purchases'"), e.getMessage());
        assertEquals("a-b_1", new DatasetSpec("a-b_1", "", schema).name());
    }

    @Test
    void aDatasetMayQuarantineTenPercentOfItsRowsByDefault() {
        DatasetSpec spec = DatasetSpec.named("items").field("id", LogicalType.STRING).build();
        assertEquals(0.10, spec.maxQuarantinedShare());
        assertEquals(0.10, new DatasetSpec("items", "", spec.schema()).maxQuarantinedShare());
        assertEquals(0.25, DatasetSpec.named("items").field("id", LogicalType.STRING).maxQuarantinedShare(0.25)
                .build().maxQuarantinedShare());
    }

    @Test
    void reportsAMaxQuarantinedShareOutsideZeroToOneWithTheOtherProblems() {
        for (double bad : new double[] {-0.01, 1.01, 25, Double.NaN}) {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> DatasetSpec.named("items").maxQuarantinedShare(bad).build());
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(1).contains("maxQuarantinedShare") && e.problems().get(1).contains("items"),
                    e.getMessage());
        }
        Schema schema = DatasetSpec.named("items").field("id", LogicalType.STRING).build().schema();
        assertThrows(IllegalArgumentException.class, () -> new DatasetSpec("items", "", schema, 1.5));
        assertEquals(0.0, new DatasetSpec("items", "", schema, 0).maxQuarantinedShare());
        assertEquals(1.0, new DatasetSpec("items", "", schema, 1).maxQuarantinedShare());
    }
}

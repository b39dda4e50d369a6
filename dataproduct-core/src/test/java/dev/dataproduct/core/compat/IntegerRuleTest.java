package dev.dataproduct.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker reads integer types by the rule the export and the dataset mapping follow. */
class IntegerRuleTest {
    @Test
    void readsAnIntegerWithoutFormatAsTheSchemaMappingDoes() {
        SchemaProperty handWritten = SchemaProperty.of("quantity", "integer");
        List<String> problems = new ArrayList<>();
        SchemaObject object = new SchemaObject("", "t", "", "", "object", "", "", "", List.of(), List.of(handWritten),
                List.of(), List.of(), List.of(), List.of(), Map.of());
        Optional<LogicalType> mapped = ContractSchemas.toDataset(object, problems)
                .flatMap(d -> d.schema().field("quantity")).map(Field::type);
        assertEquals(Optional.of(LogicalType.INT32), mapped);
        assertEquals(mapped, Types.of(handWritten).exact());
        assertEquals(Types.Verdict.SAME, Types.compare(Types.of(handWritten),
                Types.of(ContractSchemas.toProperty(Field.of("quantity", LogicalType.INT32, false)))));
    }
}

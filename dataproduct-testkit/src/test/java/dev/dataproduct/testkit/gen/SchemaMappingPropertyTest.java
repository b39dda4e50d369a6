package dev.dataproduct.testkit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class SchemaMappingPropertyTest {

    @Test
    void everySchemaRoundTripsThroughArrow() {
        PropertyRunner.forAll(Schemas.schemas(12)).trials(300)
                .check(schema -> Schema.fromArrow(schema.toArrow()).equals(schema));
    }

    @Test
    void everyTypeNameParsesBack() {
        PropertyRunner.forAll((Gen<LogicalType>) random -> Schemas.type(random, 3)).trials(500)
                .check(type -> LogicalType.parse(type.typeName()).equals(type));
    }

    @Test
    void generatedRowsSurviveArrowUnchanged() {
        Gen<Map.Entry<Schema, List<Map<String, Object>>>> gen = random -> {
            Schema schema = Schemas.schemas(8).generate(random);
            return Map.entry(schema, Rows.rows(schema, 40).generate(new Random(random.nextLong())));
        };
        PropertyRunner.forAll(gen).trials(150).check(c -> {
            try (BufferAllocator allocator = new RootAllocator();
                 VectorSchemaRoot batch = BatchBuilder.fromRows(c.getKey(), c.getValue(), allocator)) {
                List<Map<String, Object>> back = new ArrayList<>();
                RowView row = RowView.over(batch);
                for (int i = 0; i < batch.getRowCount(); i++) {
                    back.add(row.at(i).toMap());
                }
                assertEquals(c.getValue().size(), back.size());
                for (int i = 0; i < back.size(); i++) {
                    for (String field : c.getKey().fieldNames()) {
                        assertEquals(c.getValue().get(i).get(field), back.get(i).get(field),
                                "row " + i + ", field " + field + " of " + c.getKey());
                    }
                }
            }
            return true;
        });
    }
}

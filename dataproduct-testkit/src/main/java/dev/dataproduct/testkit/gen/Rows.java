package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates rows (column name to value) for a schema. Required fields always get a value; other
 * fields are null now and then. Lists of rows shrink by dropping rows.
 */
public final class Rows {
    private Rows() {
    }

    /**
     * @param schema the schema
     * @param nullShare the share of nullable cells left empty, 0 to 1
     * @return a generator of single rows
     */
    public static Gen<Map<String, Object>> row(Schema schema, double nullShare) {
        return random -> {
            Map<String, Object> row = new HashMap<>();
            for (Field f : schema.fields()) {
                boolean empty = !f.required() && random.nextDouble() < nullShare;
                row.put(f.name(), empty ? null : Values.value(f.type(), random));
            }
            return row;
        };
    }

    /**
     * @param schema the schema
     * @param maxRows the most rows
     * @return a generator of 0 to {@code maxRows} rows
     */
    public static Gen<List<Map<String, Object>>> rows(Schema schema, int maxRows) {
        Gen<Map<String, Object>> row = row(schema, 0.2);
        return new Gen<>() {
            @Override
            public List<Map<String, Object>> generate(Random random) {
                return Gen.listOf(row, 0, maxRows).generate(random);
            }

            @Override
            public Stream<List<Map<String, Object>>> shrink(List<Map<String, Object>> value) {
                return Shrinking.list(value, 0, r -> Stream.empty());
            }
        };
    }
}

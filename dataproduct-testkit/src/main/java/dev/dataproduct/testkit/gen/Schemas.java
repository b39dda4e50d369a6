package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates schemas over every logical type the SDK supports, nested arrays and structs included.
 * Shrinks by dropping fields.
 */
public final class Schemas {
    private Schemas() {
    }

    /**
     * @param maxFields the most top-level fields, at least 1
     * @return a generator of schemas with 1 to {@code maxFields} fields named {@code f0, f1, ...}
     */
    public static Gen<Schema> schemas(int maxFields) {
        return new Gen<>() {
            @Override
            public Schema generate(Random random) {
                int n = 1 + random.nextInt(maxFields);
                List<Field> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    fields.add(Field.of("f" + i, type(random, 2), random.nextInt(3) == 0));
                }
                return new Schema(fields);
            }

            @Override
            public Stream<Schema> shrink(Schema value) {
                return Shrinking.list(value.fields(), 1, f -> Stream.<Field>empty()).map(Schema::new);
            }
        };
    }

    /**
     * @param random the source of randomness
     * @param depth how deep arrays and structs may nest; 0 for scalars only
     * @return a logical type
     */
    public static LogicalType type(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 14 : 12);
        switch (choice) {
            case 0: return LogicalType.STRING;
            case 1: return LogicalType.INT8;
            case 2: return LogicalType.INT16;
            case 3: return LogicalType.INT32;
            case 4: return LogicalType.INT64;
            case 5: {
                int precision = 1 + random.nextInt(38);
                return LogicalType.decimal(precision, random.nextInt(precision + 1));
            }
            case 6: return LogicalType.FLOAT32;
            case 7: return LogicalType.FLOAT64;
            case 8: return LogicalType.BOOLEAN;
            case 9: return LogicalType.DATE;
            case 10: return LogicalType.TIME;
            case 11: return LogicalType.timestamp(TimePrecision.values()[random.nextInt(4)], random.nextBoolean());
            case 12: return LogicalType.arrayOf(type(random, depth - 1));
            default: {
                int n = 1 + random.nextInt(3);
                Field[] fields = new Field[n];
                for (int i = 0; i < n; i++) {
                    fields[i] = Field.of("s" + i, type(random, depth - 1), random.nextInt(3) == 0);
                }
                return LogicalType.struct(fields);
            }
        }
    }
}

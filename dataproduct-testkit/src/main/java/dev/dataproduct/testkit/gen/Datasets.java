package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates dataset definitions with the rules contracts carry: a primary key (one column or two),
 * required fields, ranges on numbers, dates and timestamps, lengths, allowed values, and patterns
 * of the shapes contracts use. Every definition generated can be met by {@link DatasetGen}. Shrinks
 * by dropping fields other than the key.
 */
public final class Datasets {
    /** Patterns of the shapes found in contracts. */
    private static final List<String> PATTERNS = List.of("SKU-\\d{6}", "[A-Z]{2}[0-9]{3,5}", "[a-z]+@[a-z]+\\.(com|org)",
            "[^@\\s]+@[^@\\s]+", "(web|store|app)", "\\w{3,8}", "[0-9a-f]{8}-[0-9a-f]{4}", "cust-\\d{4}");

    private Datasets() {
    }

    /**
     * @param maxFields the most fields beside the key, at least 1
     * @return definitions named {@code generated}, with fields {@code k1} (and {@code k2}) in the key
     *     and {@code f0, f1, ...}
     */
    public static Gen<DatasetSpec> datasets(int maxFields) {
        return new Gen<>() {
            @Override
            public DatasetSpec generate(Random random) {
                DatasetSpec.Builder b = DatasetSpec.named("generated");
                if (random.nextBoolean()) {
                    b.field("k1", LogicalType.STRING, f -> f.primaryKey(1).pattern("ID-\\d{8}"));
                } else {
                    b.field("k1", LogicalType.STRING, f -> f.primaryKey(1).pattern("[A-Z]{3}"));
                    b.field("k2", LogicalType.INT32, f -> f.primaryKey(2).range(1, 1_000_000));
                }
                int n = 1 + random.nextInt(maxFields);
                for (int i = 0; i < n; i++) {
                    b.field(field("f" + i, random));
                }
                return b.build();
            }

            @Override
            public Stream<DatasetSpec> shrink(DatasetSpec value) {
                List<Field> key = value.schema().fields().stream().filter(Field::isPrimaryKey).toList();
                List<Field> rest = value.schema().fields().stream().filter(f -> !f.isPrimaryKey()).toList();
                return Shrinking.list(rest, 1, f -> Stream.<Field>empty()).map(fields -> {
                    DatasetSpec.Builder b = DatasetSpec.named(value.name());
                    key.forEach(b::field);
                    fields.forEach(b::field);
                    return b.build();
                });
            }
        };
    }

    private static Field field(String name, Random random) {
        int kind = random.nextInt(9);
        LogicalType type = switch (kind) {
            case 0, 1 -> LogicalType.STRING;
            case 2 -> List.of(LogicalType.INT8, LogicalType.INT16, LogicalType.INT32, LogicalType.INT64).get(random.nextInt(4));
            case 3 -> LogicalType.decimal(4 + random.nextInt(10), random.nextInt(4));
            case 4 -> random.nextBoolean() ? LogicalType.FLOAT64 : LogicalType.FLOAT32;
            case 5 -> LogicalType.BOOLEAN;
            case 6 -> LogicalType.DATE;
            case 7 -> LogicalType.timestamp(TimePrecision.values()[random.nextInt(4)], random.nextBoolean());
            default -> LogicalType.TIME;
        };
        Field.Builder f = Field.builder(name, type);
        if (random.nextBoolean()) {
            f.required();
        }
        boolean lower = random.nextInt(3) > 0;
        boolean upper = random.nextInt(3) > 0;
        if (type instanceof LogicalType.StringType) {
            switch (random.nextInt(4)) {
                case 0 -> f.pattern(PATTERNS.get(random.nextInt(PATTERNS.size())));
                case 1 -> f.allowedValues("red", "green", "blue");
                case 2 -> f.length(random.nextInt(3), 3 + random.nextInt(10));
                default -> { }
            }
        } else if (type instanceof LogicalType.IntegerType t) {
            long min = Math.max(t.minValue(), Math.min(t.maxValue(), random.nextInt(2001) - 1000));
            long max = Math.min(t.maxValue(), min + random.nextInt(5000));
            if (lower) {
                f.minimum(min);
            }
            if (upper) {
                f.maximum(max);
            }
        } else if (type instanceof LogicalType.DecimalType t && t.precision() > t.scale()) {
            BigDecimal limit = BigDecimal.TEN.pow(Math.min(3, t.precision() - t.scale()));
            BigDecimal min = BigDecimal.ONE.subtract(limit)
                    .add(BigDecimal.valueOf(random.nextInt(Math.min(100, limit.intValue() - 1))));
            if (lower) {
                f.minimum(min);
            }
            if (upper) {
                f.maximum(limit.subtract(BigDecimal.ONE));
            }
        } else if (type instanceof LogicalType.FloatingType) {
            if (lower) {
                f.minimum(-(double) random.nextInt(100));
            }
            if (upper) {
                f.maximum((double) random.nextInt(1000));
            }
        } else if (type instanceof LogicalType.DateType) {
            LocalDate min = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(5000));
            if (lower) {
                f.minimum(min);
            }
            if (upper) {
                f.maximum(min.plusDays(random.nextInt(1000)));
            }
        } else if (type instanceof LogicalType.TimestampType t) {
            Instant min = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(100_000_000));
            Instant max = min.plusSeconds(random.nextInt(100_000_000));
            Object lo = t.withZone() ? min : java.time.LocalDateTime.ofInstant(min, java.time.ZoneOffset.UTC);
            Object hi = t.withZone() ? max : java.time.LocalDateTime.ofInstant(max, java.time.ZoneOffset.UTC);
            if (lower) {
                f.minimum(lo);
            }
            if (upper) {
                f.maximum(hi);
            }
        }
        return f.build();
    }
}

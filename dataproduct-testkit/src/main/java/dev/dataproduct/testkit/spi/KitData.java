package dev.dataproduct.testkit.spi;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.testkit.gen.DatasetGen;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The data every kit works with: one dataset over the common types, the same rows for a seed. */
final class KitData {
    static final DatasetSpec SPEC = DatasetSpec.named("items")
            .field("id", LogicalType.STRING, f -> f.primaryKey().pattern("id-\\d{6}"))
            .field("name", LogicalType.STRING, f -> f.pattern("[a-z]{1,8}(, [a-z]{1,8})?"))
            .field("quantity", LogicalType.INT64, f -> f.required().range(-1000, 1000))
            .field("price", LogicalType.decimal(10, 2), f -> f.required().range(BigDecimal.ZERO, new BigDecimal("99999")))
            .field("ratio", LogicalType.FLOAT64, f -> f.range(BigDecimal.valueOf(-1), BigDecimal.ONE))
            .field("active", LogicalType.BOOLEAN, f -> f.required())
            .field("day", LogicalType.DATE, f -> f.required())
            .field("at", LogicalType.TIMESTAMP_TZ, f -> f.required())
            .build();

    private KitData() {
    }

    /** @return rows for the seed, distinct ids, some names and ratios null */
    static List<Map<String, Object>> rows(int count, long seed) {
        return DatasetGen.of(SPEC).nullShare(0.2).generate(count, new Random(seed)).rows();
    }

    /** @return every row of the dataset, by column, read in one pass */
    static List<Map<String, Object>> read(Dataset dataset) {
        List<Map<String, Object>> rows = new ArrayList<>();
        dataset.forEachRow(r -> rows.add(r.toMap()));
        return rows;
    }
}

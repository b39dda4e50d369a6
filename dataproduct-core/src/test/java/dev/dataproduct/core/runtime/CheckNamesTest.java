package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.quality.CheckResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Check results are found by the names users give their checks. */
class CheckNamesTest {
    private static final Schema EVENTS = Schema.of(Field.of("event_id", LogicalType.STRING, false),
            Field.of("amount", LogicalType.INT64, true));

    private static RunResult run(Check... checks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("event_id", "e-" + (i % 19));
            row.put("amount", i % 4 == 0 ? null : (long) i);
            rows.add(row);
        }
        DataProduct product = DataProduct.builder("events").domain("ops").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Events.")
                .input(new MemoryInput("events", EVENTS, rows, 8))
                .output(DatasetSpec.named("events")
                        .field("event_id", LogicalType.STRING, f -> f.required())
                        .field("amount", LogicalType.INT64))
                .transform(ctx -> ctx.input("events"))
                .check(checks)
                .build();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build()) {
            return runtime.run(product);
        }
    }

    @Test
    void aNameGivenBeforeTheThresholdNamesTheResult() {
        RunResult result = run(
                Check.duplicates("event_id").named("no replayed events").atMost(5),
                Check.completeness("amount").named("amounts present").atLeast(0.7));
        CheckResult replayed = result.check("no replayed events");
        assertEquals(1.0, replayed.value());
        assertEquals(Outcome.PASS, replayed.outcome());
        assertEquals(0.75, result.check("events", "amounts present").value(), 1e-12);
    }

    @Test
    void anUnnamedCheckKeepsTheNameOfItsMetric() {
        RunResult result = run(Check.duplicates("event_id").atMost(5));
        assertEquals(1.0, result.check("duplicateCount(event_id)").value());
    }

    @Test
    void anUnknownNameListsTheNamesThereAre() {
        RunResult result = run(Check.duplicates("event_id").named("no replayed events").atMost(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> result.check("replays"));
        assertTrue(e.getMessage().contains("events/no replayed events"), e.getMessage());
    }

    @Test
    void aBlankNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Check.rowCount().named(" "));
        assertThrows(IllegalArgumentException.class, () -> Check.unique("event_id").named(""));
    }
}

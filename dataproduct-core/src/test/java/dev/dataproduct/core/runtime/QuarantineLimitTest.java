package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class QuarantineLimitTest extends RuntimeFixture {
    private static final Schema ITEMS = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("sku", LogicalType.STRING, false));

    /** {@code total} rows of which the first {@code bad} break the SKU pattern. */
    private static List<Map<String, Object>> rows(int total, int bad) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            rows.add(Map.of("id", "id-" + i, "sku", i < bad ? "bad" : "SKU-001"));
        }
        return rows;
    }

    private static DataProduct product(InputPort input, UnaryOperator<DatasetSpec.Builder> limit) {
        return DataProduct.builder("items")
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Items.")
                .input(input)
                .output(limit.apply(DatasetSpec.named("items")
                        .field("id", LogicalType.STRING, f -> f.required())
                        .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{3}"))))
                .transform(ctx -> ctx.input("items"))
                .build();
    }

    private static DataProduct product(int total, int bad, UnaryOperator<DatasetSpec.Builder> limit) {
        return product(new MemoryInput("items", ITEMS, rows(total, bad), 7), limit);
    }

    @Test
    void aRunQuarantiningMoreThanTheDefaultTenPercentFailsWithoutCommitting() {
        DataProduct ok = product(10, 0, b -> b);
        runtime.run(ok);
        DataProduct broken = product(10, 2, b -> b);
        QuarantineLimitException e = assertThrows(QuarantineLimitException.class, () -> runtime.run(broken));
        assertEquals("items", e.dataset());
        assertEquals(10, e.rows());
        assertEquals(2, e.quarantined());
        assertEquals(0.10, e.limit());
        for (String part : List.of(broken.address().urn(), "'items'", "2 of 10 rows", "20%", "limit of 10%",
                "2  items.sku: pattern", "maxQuarantinedShare(0.2", "nothing was committed")) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
        assertEquals(1, store.history(broken.address()).size(), "the failed run committed nothing");
    }

    @Test
    void aShareExactlyAtTheLimitCommits() {
        assertEquals(9, runtime.run(product(10, 1, b -> b)).published());
        // 0.29 * 100 is 28.999999999999996 in doubles: the share is judged exactly, not in floating point
        assertEquals(71, runtime.run(product(100, 29, b -> b.maxQuarantinedShare(0.29))).published());
        assertEquals(70, runtime.run(product(100, 30, b -> b.maxQuarantinedShare(0.3))).published());
        assertThrows(QuarantineLimitException.class, () -> runtime.run(product(100, 30, b -> b.maxQuarantinedShare(0.29))));
    }

    @Test
    void theLimitIsPartOfTheDatasetsDefinition() {
        assertEquals(5, runtime.run(product(10, 5, b -> b.maxQuarantinedShare(0.5))).quarantined());
        assertEquals(10, runtime.run(product(10, 10, b -> b.maxQuarantinedShare(1))).quarantined());
        assertThrows(QuarantineLimitException.class, () -> runtime.run(product(10, 1, b -> b.maxQuarantinedShare(0))));
        assertEquals(10, runtime.run(product(10, 0, b -> b.maxQuarantinedShare(0))).published());
        assertEquals(0, runtime.run(product(0, 0, b -> b.maxQuarantinedShare(0))).rowsIn());
    }

    @Test
    void rowsAnInputCouldNotReadCountTowardTheShare() {
        List<RejectedRow> unreadable = List.of(
                new RejectedRow("items", "items.csv:3", List.of(new Violation("", "columns", "1 cell, expected 2")),
                        Map.of("id", "x")));
        // 9 rows reach the gate, 1 of them bad, and 1 more the input could not read: 2 of 10
        DataProduct product = product(new RejectingInput("items", ITEMS, rows(9, 1), unreadable, false), b -> b);
        QuarantineLimitException e = assertThrows(QuarantineLimitException.class, () -> runtime.run(product));
        assertEquals(10, e.rows());
        assertEquals(2, e.quarantined());
        assertTrue(e.getMessage().contains("items: columns") && e.getMessage().contains("items.sku: pattern"),
                e.getMessage());
        assertFalse(store.current(product.address()).isPresent());

        DataProduct tolerant = product(new RejectingInput("items", ITEMS, rows(9, 1), unreadable, false),
                b -> b.maxQuarantinedShare(0.2));
        RunResult result = runtime.run(tolerant);
        assertEquals(10, result.rowsIn());
        assertEquals(2, result.quarantined());
    }
}

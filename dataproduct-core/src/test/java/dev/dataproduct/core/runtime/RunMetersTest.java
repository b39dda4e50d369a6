package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class RunMetersTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false));

    private static Map<String, Object> order(String id, Long quantity) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("quantity", quantity);
        return row;
    }

    private static DataProduct product(boolean fail) {
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .input(new MemoryInput("orders", ORDERS, List.of(order("a", 5L), order("b", 500L), order("c", 7L),
                        order("d", null)), 10))
                .output(DatasetSpec.named("purchases").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required())
                        .field("quantity", LogicalType.INT32, f -> f.required().range(1, 100)))
                .transform(fail ? ctx -> { throw new IllegalStateException("boom"); } : ctx -> ctx.input("orders"))
                .build();
    }

    @Test
    void aRunIsMeteredByProductAndDatasetOnly() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T06:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String urn = product(false).address().urn();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(new InMemorySnapshotStore())
                     .clock(clock).meterRegistry(registry).build()) {
            runtime.run(product(false));
            runtime.run(product(false));
            assertThrows(DataProductException.class, () -> runtime.run(product(true)));
        }
        assertEquals(2, registry.get("dataproduct.run.duration").tag("product", urn).timer().count());
        assertEquals(8, registry.get("dataproduct.rows.in").tag("dataset", "purchases").counter().count());
        assertEquals(4, registry.get("dataproduct.rows.published").tag("dataset", "purchases").counter().count());
        assertEquals(4, registry.get("dataproduct.rows.quarantined").tag("dataset", "purchases").counter().count());
        assertEquals(0.5, registry.get("dataproduct.quarantine.share").tag("dataset", "purchases").gauge().value());
        assertEquals(1, registry.get("dataproduct.run.failures").tag("product", urn).counter().count());
        assertEquals(0, registry.get("dataproduct.snapshot.age").tag("product", urn).gauge().value());
        now.set(now.get().plus(Duration.ofMinutes(90)));
        assertEquals(5400, registry.get("dataproduct.snapshot.age").tag("product", urn).gauge().value());

        Set<String> tagKeys = registry.getMeters().stream().filter(m -> !m.getId().getName().startsWith(
                "dataproduct.quality.")).map(Meter::getId).flatMap(id -> id.getTags().stream()).map(Tag::getKey)
                .collect(Collectors.toSet());
        assertTrue(Set.of("product", "dataset").containsAll(tagKeys), tagKeys.toString());
    }
}

package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A runtime with a contract registry refuses runs whose contract breaks its predecessor. */
class ContractPublicationTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false));

    private static DataProduct product(String version, int maxQuantity) {
        return DataProduct.builder("purchases").domain("retail").version(version)
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Purchases.")
                .input(new MemoryInput("orders", ORDERS, List.of(Map.of("id", "a", "quantity", 5L)), 10))
                .output(DatasetSpec.named("purchases")
                        .field("id", LogicalType.STRING, f -> f.primaryKey())
                        .field("quantity", LogicalType.INT32, f -> f.required().range(1, maxQuantity)))
                .transform(ctx -> ctx.input("orders"))
                .build();
    }

    @Test
    void aBreakingContractChangeNeedsANewMajorVersionBeforeAnyWork() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        ContractRegistry registry = ContractRegistry.builder().build();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).contracts(registry)
                     .build()) {
            runtime.run(product("1.0.0", 100));
            assertEquals(List.of("1.0.0"), registry.versions(product("1.0.0", 100).contract().id()).stream()
                    .map(DataContract::version).toList());

            IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                    () -> runtime.run(product("1.1.0", 50)));
            assertTrue(e.getMessage().contains("maximum-lowered"), e.getMessage());
            assertEquals(1, store.history(product("1.0.0", 100).address()).size());

            runtime.run(product("1.1.0", 200));   // loosening: a minor version is enough
            assertEquals("1.1.0", registry.latest(product("1.1.0", 200).contract().id()).orElseThrow().version());
        }
    }

    @Test
    void aRunUnderARetiredContractVersionIsRefused() {
        ContractRegistry registry = ContractRegistry.builder().build();
        DataContract v1 = product("1.0.0", 100).contract();
        registry.publish(v1);
        DataContract v2 = product("2.0.0", 50).contract();
        registry.publish(v2);
        registry.retire(v1.id(), "1.0.0", "2.0.0");
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).contracts(registry).build()) {
            DataProductException e = assertThrows(DataProductException.class, () -> runtime.run(product("1.0.0", 100)));
            assertTrue(e.getMessage().contains("which is retired; move the product to version 2.0.0"), e.getMessage());
        }
    }
}

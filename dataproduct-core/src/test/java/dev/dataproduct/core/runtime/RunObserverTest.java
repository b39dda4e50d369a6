package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class RunObserverTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false));

    private static DataProduct product(boolean fail) {
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .input(new MemoryInput("orders", ORDERS, List.of(Map.of("id", "a")), 10))
                .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                .transform(fail ? ctx -> { throw new IllegalStateException("boom"); } : ctx -> ctx.input("orders"))
                .build();
    }

    @Test
    void everyObserverHearsEachStepOfARunWithOneRunIdEvenAfterAnObserverThrows() {
        List<String> heard = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        RunObserver throwing = new RunObserver() {
            @Override
            public void started(RunStart run) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void completed(RunStart run, RunResult result) {
                throw new IllegalStateException("observer bug");
            }
        };
        RunObserver recording = new RunObserver() {
            @Override
            public void started(RunStart run) {
                heard.add("started");
                ids.add(run.runId());
            }

            @Override
            public void completed(RunStart run, RunResult result) {
                heard.add("completed " + result.published());
                ids.add(run.runId());
            }

            @Override
            public void failed(RunStart run, RuntimeException error) {
                heard.add("failed " + error.getMessage().contains("boom"));
                ids.add(run.runId());
            }
        };
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(new InMemorySnapshotStore())
                     .observer(throwing).observer(recording).build()) {
            runtime.run(product(false));
            assertThrows(DataProductException.class, () -> runtime.run(product(true)));
        }
        assertEquals(List.of("started", "completed 1", "started", "failed true"), heard);
        assertEquals(ids.get(0), ids.get(1));
        assertEquals(ids.get(2), ids.get(3));
        assertEquals(7, ids.get(0).version());
        assertEquals(2, ids.get(0).variant());
        assertEquals(false, ids.get(0).equals(ids.get(2)), "each run has its own id");
    }
}

package dev.dataproduct.testkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.QualityGateException;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for delivery ports: {@link OutputPort}s that receive each committed snapshot
 * and write it out for their audience. Extend it in a test of your port, say how to make the port
 * and how to read back what it delivered; the kit runs a product through the runtime with the port
 * and checks the SPI's promises. Each committed snapshot is delivered whole (as far as the port's
 * {@linkplain OutputPort#audience() audience} may read it: the kit's product grants that principal
 * every row and column), the next replacing the last; what is delivered under a policy that
 * filters rows, hides columns and masks values is exactly what the read path returns to the
 * audience; a run that is not committed delivers nothing, so readers keep seeing the last
 * committed data; the port survives being closed and opened again by a new runtime; and it
 * releases all its memory when closed.
 */
public abstract class DeliveryPortKit {
    /** A directory of the test's own, for ports that write files. */
    @TempDir
    protected Path dir;

    /** For subclasses. */
    protected DeliveryPortKit() {
    }

    /**
     * @param dir a directory of the test's own
     * @return a new port delivering there (or wherever the test reads from)
     * @throws Exception if the port cannot be made
     */
    protected abstract OutputPort port(Path dir) throws Exception;

    /**
     * @param dir the directory given to {@link #port}
     * @param dataset a dataset name
     * @return the rows the port delivered last for that dataset, by column, values in the SDK's value model
     * @throws Exception if what was delivered cannot be read
     */
    protected abstract List<Map<String, Object>> delivered(Path dir, String dataset) throws Exception;

    /**
     * The dataset the kit's product delivers, named {@code items}, for a {@link #delivered} that
     * needs the column types to read a text format back.
     *
     * @return its definition
     */
    protected static DatasetSpec dataset() {
        return KitData.SPEC;
    }

    private static DataProduct product(List<Map<String, Object>> rows, OutputPort port, Check... checks) {
        Policy everything = Policy.forDataset("items")
                .grant(Grant.to(Audience.principal(port.audience().id())).allColumns().build()).build();
        return product(rows, port, everything, checks);
    }

    private static DataProduct product(List<Map<String, Object>> rows, OutputPort port, Policy policy,
                                       Check... checks) {
        return DataProduct.builder("delivered").domain("kit").version("1.0.0")
                .access(policy)
                .owner(Owner.person("Kit Tester", "kit@example.com")).purpose("Delivers rows through a port under test.")
                .input(RowsInput.of("source", KitData.SPEC.schema(), rows))
                .output(KitData.SPEC)
                .check(checks)
                .serve(port)
                .transform(ctx -> ctx.input("source"))
                .build();
    }

    private static ProductRuntime runtime(BufferAllocator allocator) {
        return ProductRuntime.builder().allocator(allocator)
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    private static List<Map<String, Object>> readPath(ProductRuntime runtime, DataProduct product,
                                                      Principal audience, BufferAllocator allocator) {
        ProductReader reader = ProductReader.builder(runtime.store(), product).allocator(allocator).build();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        try (ReadResult result = reader.read(audience, ReadRequest.of("items").build())) {
            while (result.next()) {
                rows.addAll(PortConformance.rowsOf(result.batch()));
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> byId(List<Map<String, Object>> rows) {
        return rows.stream().sorted(Comparator.comparing(r -> (String) r.get("id"))).toList();
    }

    /**
     * Each committed snapshot is delivered whole, and the next one replaces it.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void deliversEachCommittedSnapshotWholeTheNextReplacingTheLast() throws Exception {
        OutputPort port = port(dir);
        List<Map<String, Object>> first = KitData.rows(200, 10);
        List<Map<String, Object>> second = KitData.rows(50, 11);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator(); ProductRuntime runtime = runtime(allocator)) {
            RunResult run = runtime.run(product(first, port));
            assertEquals(List.of(), run.portFailures());
            assertEquals(byId(first), byId(delivered(dir, "items")));
            runtime.run(product(second, port));
            assertEquals(byId(second), byId(delivered(dir, "items")));
        }
    }

    /**
     * Under a policy that filters rows, hides columns and masks values for the port's audience, the
     * port delivers exactly what the read path returns to that audience: no more rows, columns or
     * clear values.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void deliversExactlyWhatTheReadPathReturnsToItsAudience() throws Exception {
        OutputPort port = port(dir);
        Policy narrow = Policy.forDataset("items")
                .grant(Grant.to(Audience.principal(port.audience().id())).columns("id", "quantity", "price", "day")
                        .rows(Expr.col("quantity").ge(0)).mask(Target.field("day"), Mask.nullify()).build())
                .build();
        DataProduct product = product(KitData.rows(120, 14), port, narrow);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator(); ProductRuntime runtime = runtime(allocator)) {
            RunResult run = runtime.run(product);
            assertEquals(List.of(), run.portFailures());
            List<Map<String, Object>> expected = readPath(runtime, product, port.audience(), allocator);
            List<Map<String, Object>> got = delivered(dir, "items");
            assertTrue(expected.size() < 120, "the kit's policy filters rows");
            assertEquals(byId(expected), byId(got));
            assertTrue(got.stream().allMatch(r -> r.keySet().equals(java.util.Set.of("id", "quantity", "price", "day"))
                    && r.get("day") == null), "hidden columns absent, masked values null");
        }
    }

    /**
     * A run that commits nothing (it fails its gate) delivers nothing.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void aRunThatIsNotCommittedDeliversNothing() throws Exception {
        OutputPort port = port(dir);
        List<Map<String, Object>> committed = KitData.rows(30, 12);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator(); ProductRuntime runtime = runtime(allocator)) {
            runtime.run(product(committed, port));
            DataProduct failing = product(KitData.rows(40, 13), port, Check.rowCount().atLeast(1_000_000));
            assertThrows(QualityGateException.class, () -> runtime.run(failing));
            assertEquals(byId(committed), byId(delivered(dir, "items")));
        }
    }

    /**
     * The port opens again under a new runtime and releases all its Arrow memory when closed.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void opensAgainUnderANewRuntimeAndReleasesAllItsMemory() throws Exception {
        OutputPort port = port(dir);
        BufferAllocator allocator = ArrowMemory.rootAllocator();
        for (int i = 0; i < 2; i++) {
            List<Map<String, Object>> rows = KitData.rows(25, 20 + i);
            try (ProductRuntime runtime = runtime(allocator)) {
                assertEquals(List.of(), runtime.run(product(rows, port)).portFailures());
            }
            assertEquals(byId(rows), byId(delivered(dir, "items")));
        }
        assertEquals(0, allocator.getAllocatedMemory(), "memory the port still holds after it was closed");
        allocator.close();
    }
}

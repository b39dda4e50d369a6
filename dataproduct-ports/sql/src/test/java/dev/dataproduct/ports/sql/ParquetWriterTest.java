package dev.dataproduct.ports.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.files.FileSet;
import dev.dataproduct.testkit.conformance.PortConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet files hold what their audience may read, and DuckDB reads them back as the read path gives them. */
class ParquetWriterTest {
    @TempDir
    Path root;

    @Test
    void filesReadBackByDuckDbHoldWhatTheReadPathGivesTheAudience() throws Exception {
        try (Campus campus = new Campus(root)) {
            ProductReader reader = campus.host.products().get(0).reader();
            for (Principal audience : List.of(Campus.COUNSELOR, Campus.ADMIN, Campus.VISITOR)) {
                Path out = root.resolve("parquet-" + audience.id());
                Map<String, Path> files = ParquetWriter.builder(reader, List.of("students", "schools"))
                        .audience(audience).allocator(campus.allocator).build()
                        .write(SnapshotSelector.current(), out);
                for (String dataset : List.of("students", "schools")) {
                    boolean may = reader.mayRead(audience, dataset);
                    assertEquals(may, files.containsKey(dataset), audience.id() + ", " + dataset);
                    assertEquals(may, Files.exists(out.resolve(dataset + ".parquet")), audience.id() + ", " + dataset);
                    if (may) {
                        assertEquals(readPath(reader, audience, dataset), readBack(out.resolve(dataset + ".parquet"),
                                campus.allocator), audience.id() + ", " + dataset);
                    }
                }
                try (Stream<Path> left = Files.list(out)) {
                    assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".")),
                            "a partial file was left behind");
                }
            }
        }
    }

    @Test
    void aParquetPortWritesTheSnapshotItIsHandedForItsAudienceAsOneSet() throws Exception {
        Path out = root.resolve("delivered");
        ParquetPort port = ParquetPort.at(out).audience(Campus.COUNSELOR);
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            DataProduct product = Campus.product(30, Campus.STUDENT_POLICY, 7, port);
            ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
            runtime.run(product);
            Path set = FileSet.current(out).orElseThrow();
            assertTrue(Files.isRegularFile(set.resolve(FileSet.MANIFEST)), "the set has its manifest");
            List<Map<String, Object>> rows = readBack(set.resolve("students.parquet"), allocator);
            assertEquals(readPath(reader, Campus.COUNSELOR, "students"), rows);
            assertTrue(rows.stream().allMatch(r -> r.get("school").equals("A")), "rows the counselor may not read");
            assertFalse(Files.exists(set.resolve("schools.parquet")), "the counselor may not read schools");
            runtime.run(product);
            Path next = FileSet.current(out).orElseThrow();
            assertNotEquals(set, next, "the next snapshot is a new set");
            assertEquals(readPath(reader, Campus.COUNSELOR, "students"), readBack(next.resolve("students.parquet"),
                    allocator));
        }
    }

    static List<Map<String, Object>> readPath(ProductReader reader, Principal who, String dataset) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult r = reader.read(who, ReadRequest.of(dataset).build())) {
            while (r.next()) {
                rows.addAll(PortConformance.rowsOf(r.batch()));
            }
        }
        return rows;
    }

    static List<Map<String, Object>> readBack(Path file, BufferAllocator allocator) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            return Rows.viaArrow(duck, "SELECT * FROM read_parquet('" + file + "')", allocator);
        }
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.testkit.fixture.Students;
import dev.dataproduct.testkit.port.RowsInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A test product (students of a campus, with every kind of column the SQL port maps) in a store on
 * disk, served by a host with a SQL port; closing it closes everything and fails on a memory leak.
 */
final class Campus implements AutoCloseable {
    static final DatasetSpec STUDENTS = Students.datedDataset()
            .field("fee", LogicalType.decimal(10, 2))
            .field("seen", LogicalType.timestamp(TimePrecision.MILLIS, false))
            .field("tags", LogicalType.arrayOf(LogicalType.STRING))
            .field("home", LogicalType.struct(Field.of("city", LogicalType.STRING, false),
                    Field.of("zip", LogicalType.INT32, false)))
            .build();
    static final DatasetSpec SCHOOLS = DatasetSpec.named("schools")
            .field("school", LogicalType.STRING, f -> f.required().primaryKey())
            .field("name", LogicalType.STRING)
            .build();
    static final Policy STUDENT_POLICY = Students.POLICY;
    static final Policy SCHOOL_POLICY = Policy.forDataset("schools")
            .grant(Grant.to(Audience.role("admin")).allColumns())
            .grant(Grant.to(Audience.role("visitor")).allColumns())
            .build();
    static final Principal COUNSELOR = Students.COUNSELOR;
    static final Principal ADMIN = Students.ADMIN;
    static final Principal VISITOR = Principal.of("vic", "visitor");
    static final Principal NOBODY = Students.NOBODY;

    final BufferAllocator allocator = new RootAllocator();
    final SnapshotStore store;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ProductRuntime runtime;
    final ProductHost host;
    final SqlPort sql;
    final DataProduct product;

    /**
     * @param onDisk a store of files (so that a session can be shown unable to read them), or one in memory
     */
    Campus(Path root, int rows, Policy policy, SqlPort.Builder port, boolean onDisk) {
        this(root, rows, policy, port, onDisk, 7);
    }

    /** @param inputBatch rows per stored batch */
    Campus(Path root, int rows, Policy policy, SqlPort.Builder port, boolean onDisk, int inputBatch) {
        store = onDisk ? DirectorySnapshotStore.at(root.resolve("store")) : new InMemorySnapshotStore();
        product = product(rows, policy, inputBatch);
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
        sql = port.sessions(s -> s.workDirectory(root.resolve("sessions")).memoryLimit("64MB").threads(1)).build();
        host = ProductHost.builder(runtime, allocator).product(product).serve(sql).meterRegistry(meters)
                .batchSize(16).build();
        host.run(product.address());
        host.start();
    }

    Campus(Path root) {
        this(root, 60, STUDENT_POLICY, SqlPort.builder(), true);
    }

    static DataProduct product(int rows, Policy policy, int inputBatch, OutputPort... ports) {
        return DataProduct.builder("campus").domain("k12").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Who studies where.")
                .input(RowsInput.of("students", STUDENTS.schema(), rows(rows)).batchSize(inputBatch))
                .input(RowsInput.of("schools", SCHOOLS.schema(), List.of(
                        Map.of("school", "A", "name", "Aster"), Map.of("school", "B", "name", "Birch"))))
                .output(STUDENTS)
                .output(SCHOOLS)
                .access(policy)
                .access(SCHOOL_POLICY)
                .serve(ports)
                .transform(TransformSpec.to("students").reading("students").returning(ctx -> ctx.input("students")))
                .transform(TransformSpec.to("schools").reading("schools").returning(ctx -> ctx.input("schools")))
                .build();
    }

    /** The shared students with their updates to the microsecond and a column of every other kind the port maps. */
    static List<Map<String, Object>> rows(int n) {
        List<Map<String, Object>> out = Students.rows(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = out.get(i);
            r.put("updated", ((Instant) r.get("updated")).plusNanos(i * 1000L));
            r.put("fee", i % 6 == 5 ? null : new BigDecimal(i * 101).movePointLeft(2));
            r.put("seen", LocalDateTime.of(2026, 10, 1, 8, 0).plusMinutes(i).plusNanos(i * 1_000_000L));
            r.put("tags", i % 8 == 2 ? null : List.of("t" + (i % 3), "u" + i));
            Map<String, Object> home = new LinkedHashMap<>();
            home.put("city", i % 10 == 9 ? null : "City" + (i % 4));
            home.put("zip", 1000 + i);
            r.put("home", i % 11 == 10 ? null : home);
        }
        return out;
    }

    @Override
    public void close() {
        Students.closeInOrder(host, runtime, allocator);
    }
}

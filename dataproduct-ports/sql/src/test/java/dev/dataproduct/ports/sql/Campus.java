package dev.dataproduct.ports.sql;

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
import dev.dataproduct.api.schema.Classification;
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
import dev.dataproduct.testkit.port.RowsInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A test product (students of a campus, with every kind of column the SQL port maps) in a store on
 * disk, served by a host with a SQL port; closing it closes everything and fails on a memory leak.
 */
final class Campus implements AutoCloseable {
    static final DatasetSpec STUDENTS = DatasetSpec.named("students")
            .description("One row per student.")
            .field("id", LogicalType.STRING, f -> f.required().primaryKey())
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
            .field("school", LogicalType.STRING, f -> f.required().allowedValues("A", "B", "C"))
            .field("grade", LogicalType.INT64, f -> f.range(1, 12))
            .field("score", LogicalType.FLOAT64)
            .field("active", LogicalType.BOOLEAN)
            .field("born", LogicalType.DATE)
            .field("updated", LogicalType.TIMESTAMP_TZ)
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
    static final Policy STUDENT_POLICY = Policy.forDataset("students")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("counselor")).allColumns()
                    .rows(Expr.col("school").eq(Expr.principal("school"))))
            .grant(Grant.to(Audience.role("admin")).allColumns().unmask(Target.field("email")))
            .grant(Grant.to(Audience.role("auditor")).columns("id", "school", "grade"))
            .build();
    static final Policy SCHOOL_POLICY = Policy.forDataset("schools")
            .grant(Grant.to(Audience.role("admin")).allColumns())
            .grant(Grant.to(Audience.role("visitor")).allColumns())
            .build();
    static final Principal COUNSELOR = new Principal("carla", Set.of("counselor"), Map.of("school", "A"));
    static final Principal ADMIN = Principal.of("ada", "admin");
    static final Principal VISITOR = Principal.of("vic", "visitor");
    static final Principal NOBODY = Principal.of("nobody");

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

    static List<Map<String, Object>> rows(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", "s" + i);
            r.put("email", i % 9 == 4 ? null : "student" + i + "@school.example");
            r.put("school", List.of("A", "B", "C").get(i % 3));
            r.put("grade", i % 5 == 3 ? null : (long) (i % 12 + 1));
            r.put("score", i % 4 == 0 ? null : i * 1.5);
            r.put("active", i % 7 == 1 ? null : i % 2 == 0);
            r.put("born", LocalDate.of(2010, 1, 1).plusDays(i * 37L));
            r.put("updated", Instant.parse("2026-09-01T00:00:00Z").plusSeconds(i * 3600L).plusNanos(i * 1000L));
            r.put("fee", i % 6 == 5 ? null : new BigDecimal(i * 101).movePointLeft(2));
            r.put("seen", LocalDateTime.of(2026, 10, 1, 8, 0).plusMinutes(i).plusNanos(i * 1_000_000L));
            r.put("tags", i % 8 == 2 ? null : List.of("t" + (i % 3), "u" + i));
            Map<String, Object> home = new LinkedHashMap<>();
            home.put("city", i % 10 == 9 ? null : "City" + (i % 4));
            home.put("zip", 1000 + i);
            r.put("home", i % 11 == 10 ? null : home);
            out.add(r);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            try {
                runtime.close();
            } finally {
                allocator.close();
            }
        }
    }
}

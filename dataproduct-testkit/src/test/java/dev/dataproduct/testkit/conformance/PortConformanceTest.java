package dev.dataproduct.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortConformanceTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:k12:directory:v1");
    static final DatasetSpec SPEC = DatasetSpec.named("students")
            .field("id", LogicalType.STRING, f -> f.primaryKey())
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
            .field("school", LogicalType.STRING)
            .build();
    static final Policy POLICY = Policy.forDataset("students")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("counselor")).allColumns()
                    .rows(Expr.col("school").eq(Expr.principal("school"))))
            .build();
    /** The same product with a policy that forgets the mask and the row filter. */
    static final Policy LEAKY = Policy.forDataset("students")
            .grant(Grant.to(Audience.role("counselor")).allColumns().unmask(Target.field("email")))
            .build();
    static final Principal COUNSELOR = new Principal("carla", Set.of("counselor"), Map.of("school", "A"));
    static final Principal NOBODY = Principal.of("nobody");

    BufferAllocator allocator;
    InMemorySnapshotStore store;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator);
             BatchBuilder b = BatchBuilder.create(SPEC.schema(), allocator)) {
            ArrowIpcWriter data = tx.dataset("students", SPEC.schema().toArrow());
            for (int i = 0; i < 8; i++) {
                b.addRow("s" + i, "student" + i + "@school.example", i % 2 == 0 ? "A" : "B");
            }
            try (VectorSchemaRoot batch = b.build()) {
                data.write(batch);
            }
            tx.commit("1.0.0", Instant.parse("2026-09-01T00:00:00Z"));
        }
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    ProductReader reader(Policy policy) {
        return ProductReader.builder(store, PRODUCT).dataset(SPEC, policy).allocator(allocator).build();
    }

    PortConformance check() {
        return PortConformance.against(reader(POLICY))
                .principals(COUNSELOR, NOBODY)
                .requests(ReadRequest.of("students").build(),
                        ReadRequest.of("students").columns("email").orderBy(SortKey.desc("id")).limit(2).build());
    }

    /** A port that serves through a given reader, reversing unordered results as a port may. */
    PortRead through(ProductReader r) {
        return (p, request) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ReadResult result = r.read(p, request)) {
                while (result.next()) {
                    rows.addAll(PortConformance.rowsOf(result.batch()));
                }
            }
            if (request.order().isEmpty()) {
                java.util.Collections.reverse(rows);
            }
            return rows;
        };
    }

    @Test
    void passesAPortThatReadsThroughTheReadPath() {
        ConformanceReport report = check().check(through(reader(POLICY)));
        assertEquals(4, report.reads());
        report.assertPassed();
    }

    @Test
    void catchesAPortThatLeaksMaskedValuesAndFilteredRows() {
        ConformanceReport report = check().check(through(reader(LEAKY)));
        assertFalse(report.passed());
        String all = String.join("\n", report.mismatches());
        assertTrue(all.contains("the port returns 8 rows, the read path 4"), all);
        assertTrue(all.contains("column 'email' differs"), all);
        assertFalse(all.contains("@school.example"), all);
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("differs from the read path in 2 of 4 reads"), e.getMessage());
    }

    @Test
    void catchesAPortThatServesADeniedPrincipal() {
        PortRead open = (p, request) -> through(reader(POLICY)).read(COUNSELOR, request);
        ConformanceReport report = check().check(open);
        String all = String.join("\n", report.mismatches());
        assertTrue(all.contains("principal 'nobody', request 1 (students): the read path fails: denied, the port returns 4 rows"),
                all);
    }
}

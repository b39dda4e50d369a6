package dev.dataproduct.core.read;

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
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.descriptor.AccessOption;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.core.access.Students;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OfficialOdpsSchema;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestrictedProductTest {
    /** The source: its own policy lets the office read everything in the clear. */
    static final DataProduct SOURCE = DataProduct.builder("students").domain("k12").version("1.0.0")
            .owner(Owner.person("Ana Ruiz", "ana@k12.example")).purpose("Every student of the district.")
            .output(Students.SPEC).transform(Transform.of(ctx -> { throw new UnsupportedOperationException(); }))
            .access(Policy.forDataset("students").grant(Grant.to(Audience.role("office")).allColumns()
                    .unmask(Target.field("name"), Target.field("email"))).build())
            .build();
    static final Policy DIRECTORY_POLICY = Policy.forDataset("students")
            .tag("contact", "email")
            .mask(Target.tag("contact"), Mask.email())
            .grant(Grant.to(Audience.role("counselor")).columns("id", "name", "email", "school", "grade")
                    .rows(Expr.col("school").eq(Expr.principal("school"))).unmask(Target.field("name")))
            .grant(Grant.to(Audience.where(Expr.principal("district").eq("D7"))).named("district-office")
                    .allColumns())
            .build();
    static final Principal COUNSELOR = new Principal("carla", Set.of("counselor"), Map.of("school", "A"));
    static final Principal DISTRICT = new Principal("dora", Set.of(), Map.of("district", "D7"));

    BufferAllocator allocator;
    SnapshotStore store;
    InMemoryAuditSink audit;

    static DataProduct directory() {
        return DataProduct.restricted("student-directory").over(SOURCE).domain("k12").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@k12.example")).purpose("Students for counselors and the office.")
                .project("students", "id", "name", "email", "school", "grade")
                .where("students", Expr.col("grade").ge(10))
                .access(DIRECTORY_POLICY)
                .build();
    }

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        audit = new InMemoryAuditSink();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    List<Map<String, Object>> read(ProductReader reader, Principal p) {
        return ProductReaderTest.readAll(reader, p, ReadRequest.of("students").build(), new ArrayList<>());
    }

    @Test
    void readingTheRestrictedProductEqualsReadingTheSourceThroughTheNarrowedPolicy() {
        ProductReaderTest.commit(store, allocator, 0, 20, ProductReaderTest.T0);
        DataProduct directory = directory();
        ProductReader restricted = ProductReader.builder(store, directory).allocator(allocator).audit(audit).build();
        // the same policy written out by hand over the source: fixed filter AND each grant's, projection kept
        Policy byHand = Policy.forDataset("students")
                .tag("contact", "email")
                .mask(Target.tag("contact"), Mask.email())
                .grant(Grant.to(Audience.role("counselor")).columns("id", "name", "email", "school", "grade")
                        .rows(Expr.col("grade").ge(10).and(Expr.col("school").eq(Expr.principal("school"))))
                        .unmask(Target.field("name")))
                .grant(Grant.to(Audience.where(Expr.principal("district").eq("D7"))).named("district-office")
                        .columns("id", "name", "email", "school", "grade").rows(Expr.col("grade").ge(10)))
                .build();
        ProductReader direct = ProductReader.builder(store, SOURCE.address()).dataset(Students.SPEC, byHand)
                .allocator(allocator).build();
        for (Principal p : List.of(COUNSELOR, DISTRICT)) {
            List<Map<String, Object>> rows = read(restricted, p);
            assertFalse(rows.isEmpty(), p.id());
            assertEquals(read(direct, p), rows, p.id());
            assertTrue(rows.stream().allMatch(r -> ((Number) r.get("grade")).intValue() >= 10), p.id());
            assertEquals(List.of("id", "name", "email", "school", "grade"), List.copyOf(rows.get(0).keySet()));
        }
        assertEquals("s***@school.example", read(restricted, DISTRICT).get(0).get("email"));
        assertThrows(AccessDeniedException.class, () -> read(restricted, Principal.of("otto", "office")));
    }

    @Test
    void storesNoDataAndIsNeverRun() {
        ProductReaderTest.commit(store, allocator, 0, 10, ProductReaderTest.T0);
        DataProduct directory = directory();
        read(ProductReader.builder(store, directory).allocator(allocator).build(), COUNSELOR);
        assertEquals(List.of(), store.history(directory.address()));
        assertTrue(store.current(directory.address()).isEmpty());
        assertEquals(List.of(), directory.transforms());
        ProductRuntime runtime = ProductRuntime.builder().store(store).allocator(allocator).build();
        DataProductException e = assertThrows(DataProductException.class, () -> runtime.run(directory));
        assertTrue(e.getMessage().contains("stores no data"), e.getMessage());
        assertEquals(List.of(), store.history(directory.address()));
    }

    @Test
    void aReaderBuiltAtTheRestrictedProductsOwnAddressReadsTheSourceSnapshots() {
        ProductReaderTest.commit(store, allocator, 0, 10, ProductReaderTest.T0);
        DataProduct directory = directory();
        ProductReader byAddress = ProductReader.builder(store, directory.address()).datasets(directory)
                .allocator(allocator).build();
        assertEquals(SOURCE.address(), byAddress.product());
        assertEquals(directory.address(), byAddress.served());
        assertEquals(read(ProductReader.builder(store, directory).allocator(allocator).build(), COUNSELOR),
                read(byAddress, COUNSELOR));
    }

    @Test
    void auditNamesTheRestrictedProductAndTheSourceSnapshotItServed() {
        SnapshotManifest served = ProductReaderTest.commit(store, allocator, 0, 10, ProductReaderTest.T0);
        DataProduct directory = directory();
        try (ReadResult r = ProductReader.builder(store, directory).allocator(allocator).audit(audit).build()
                .read(COUNSELOR, ReadRequest.of("students").build())) {
            assertEquals(served, r.snapshot());
            assertEquals(SOURCE.address().urn(), r.snapshot().productAddress());
        }
        AuditRecord record = audit.records().get(0);
        assertEquals(directory.address().urn(), record.product());
        assertEquals(SOURCE.address().urn(), record.source());
        assertEquals(served.id(), record.snapshot());
    }

    @Test
    void hiddenColumnsAreAbsentFromItsContractAndMaskedOnesAreDocumented() {
        DataProduct directory = directory();
        assertEquals(List.of("id", "name", "email", "school", "grade"),
                directory.output("students").orElseThrow().schema().fieldNames());
        List<SchemaProperty> props = directory.contract().schema().get(0).properties();
        assertEquals(List.of("id", "name", "email", "school", "grade"), props.stream().map(SchemaProperty::name).toList());
        assertTrue(props.get(2).description().contains("Masked"), props.get(2).description());
        // a masked value is no longer a key the contract could promise
        assertFalse(directory.output("students").orElseThrow().schema().field("email").orElseThrow().required());
        assertFalse(props.get(3).description().contains("Masked"));
        assertEquals(directory.contract(), OdcsCodec.readYaml(OdcsCodec.toYaml(directory.contract())));
    }

    @Test
    void itsDescriptorIsARestrictedProductWhoseInputPortNamesTheSourceAndValidates() {
        DataProduct directory = directory();
        ProductDescriptor d = directory.describe();
        assertEquals("derived", d.kind());
        assertEquals("restricted", d.pattern());
        assertEquals(List.of(new PortEntry("students", directory.address().port("students"), "product", "arrow",
                SOURCE.address().urn(), SOURCE.contract().id(), "1.0.0")), d.inputPorts());
        assertEquals(List.of(), OfficialOdpsSchema.violations(OdpsCodec.toJson(directory), "v1.0.0"));
        assertEquals(d, OdpsCodec.fromYaml(OdpsCodec.toYaml(directory), id -> directory.contract()));
    }

    @Test
    void rolesAndRequestableAccessArePublishedByNameWithoutPolicyContents() {
        DataProduct directory = directory();
        assertEquals(List.of("counselor", "district-office"),
                directory.contract().roles().stream().map(Role::role).toList());
        assertTrue(directory.contract().roles().stream().allMatch(r -> r.access().equals("read")
                && r.firstLevelApprovers().equals("ana@k12.example")));
        assertEquals(List.of(new AccessOption("counselor", "read", List.of("students")),
                new AccessOption("district-office", "read", List.of("students"))), directory.describe().access());
        String published = OdcsCodec.toYaml(directory.contract()) + OdpsCodec.toYaml(directory)
                + OdpsCodec.toJson(directory);
        // no filter expression, attribute name or value, mask or tag of the policy
        for (String secret : List.of("D7", "district'", "principal", "grade >=", ">= 10", "contact", "school =",
                "email()", "EMAIL", "unmask")) {
            assertFalse(published.contains(secret), secret + " is published");
        }
    }

    @Test
    void aGrantForAnAttributePredicateWithoutANameIsNotPublished() {
        DataProduct p = DataProduct.restricted("eu-students").over(SOURCE).domain("k12").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@k12.example")).purpose("EU students.")
                .access(Policy.forDataset("students").grant(Grant.to(Audience.where(Expr.principal("region")
                        .eq("EU-secret-region"))).columns("id")).build())
                .build();
        assertEquals(List.of(), p.contract().roles());
        assertEquals(List.of(), p.describe().access());
        assertFalse(OdpsCodec.toJson(p).contains("EU-secret-region"));
    }

    @Test
    void aRestrictedDefinitionIsCheckedAgainstItsSourceWithEveryProblemAtOnce() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () ->
                DataProduct.restricted("broken").over(SOURCE).domain("k12").version("1.0.0")
                        .owner(Owner.person("Ana Ruiz", "ana@k12.example")).purpose("Broken.")
                        .project("students", "id", "nickname")
                        .where("students", Expr.col("age").ge(3))
                        .transform(Transform.of(ctx -> null))
                        .access(Policy.forDataset("students").grant(Grant.to(Audience.role("x")).columns("id"))
                                .build(), Policy.forDataset("teachers").grant(Grant.to(Audience.role("x"))
                                .columns("id")).build())
                        .build());
        String m = e.getMessage();
        for (String expected : List.of("keeps column 'nickname'", "reads column 'age'", "has no transform",
                "does not publish; its datasets are [students]")) {
            assertTrue(m.contains(expected), expected + " missing from: " + m);
        }
        assertThrows(InvalidDefinitionException.class, () -> DataProduct.restricted("no-source").domain("k12")
                .version("1.0.0").owner(Owner.person("A", "a@k12.example")).purpose("p.").build());
    }
}

package dev.dataproduct.core.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.SharingAgreement;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.access.Students;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgreementRegistryTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:k12:students:v1");
    static final ProductAddress CONSUMER = ProductAddress.parse("urn:dataproduct:k12:enrollment-forecast:v1");
    static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");
    static final Policy POLICY = Policy.forDataset("students")
            .grant(Grant.to(Audience.role("office")).allColumns()).build();

    BufferAllocator allocator;
    SnapshotStore store;
    AgreementRegistry agreements;
    InMemoryAuditSink audit;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        agreements = new AgreementRegistry();
        audit = new InMemoryAuditSink();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    SnapshotManifest commit(String version, Instant at) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter data = tx.dataset("students", Students.SPEC.schema().toArrow());
            try (VectorSchemaRoot batch = Students.batch(allocator, 0, 8)) {
                data.write(batch);
            }
            return tx.commit(version, at);
        }
    }

    ProductReader reader(Instant now) {
        return ProductReader.builder(store, PRODUCT).dataset(Students.SPEC, POLICY).agreements(agreements)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).allocator(allocator).audit(audit).build();
    }

    List<Map<String, Object>> read(ProductReader reader, String principal) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult r = reader.read(Principal.of(principal), ReadRequest.of("students").build())) {
            while (r.next()) {
                rows.addAll(Students.rows(r.batch()));
            }
        }
        return rows;
    }

    static SharingAgreement forecast() {
        return SharingAgreement.forProduct(CONSUMER).purpose("Forecast enrollment by school and grade")
                .datasets("students").expires(T0.plusSeconds(3600)).columns("school", "grade", "name")
                .rows(Expr.col("grade").ge(11)).mask(Target.field("name"), Mask.redact("-")).build();
    }

    @Test
    void aConsumerReadsUnderItsAgreementUntilItExpiresThenIsDenied() {
        commit("1.0.0", T0);
        agreements.register(PRODUCT, forecast());
        List<Map<String, Object>> rows = read(reader(T0.plusSeconds(60)), CONSUMER.urn());
        assertEquals(4, rows.size());
        assertEquals(List.of("name", "school", "grade"), List.copyOf(rows.get(0).keySet()));
        assertTrue(rows.stream().allMatch(r -> ((Number) r.get("grade")).intValue() >= 11
                && r.get("name").equals("-")), rows.toString());
        ProductReader late = reader(T0.plusSeconds(3600));
        assertThrows(AccessDeniedException.class, () -> read(late, CONSUMER.urn()));
        assertEquals(AuditRecord.Decision.DENIED, audit.records().get(audit.records().size() - 1).decision());
    }

    @Test
    void anAgreementGrantsItsConsumerAloneAndOnlyTheDatasetsItNames() {
        commit("1.0.0", T0);
        agreements.register(PRODUCT, forecast());
        agreements.register(PRODUCT, SharingAgreement.forPrincipal("auditor").purpose("Audit")
                .datasets("teachers").expires(T0.plusSeconds(3600)).build());
        ProductReader reader = reader(T0);
        assertThrows(AccessDeniedException.class, () -> read(reader, "someone-else"));
        assertThrows(AccessDeniedException.class, () -> read(reader, "auditor"));
        assertEquals(4, read(reader, CONSUMER.urn()).size());
    }

    @Test
    void renewingAnAgreementReplacesIt() {
        commit("1.0.0", T0);
        agreements.register(PRODUCT, forecast());
        SharingAgreement renewed = SharingAgreement.forProduct(CONSUMER).purpose("Forecast, renewed")
                .datasets("students").expires(T0.plusSeconds(7200)).columns("school").build();
        agreements.register(PRODUCT, renewed);
        assertEquals(List.of(renewed), agreements.consumers(PRODUCT));
        List<Map<String, Object>> rows = read(reader(T0.plusSeconds(5000)), CONSUMER.urn());
        assertEquals(8, rows.size());
        assertEquals(List.of("school"), List.copyOf(rows.get(0).keySet()));
    }

    @Test
    void anAgreementWithoutExpiryOrDatasetIsRefusedWhenBuilt() {
        IllegalArgumentException noExpiry = assertThrows(IllegalArgumentException.class,
                () -> SharingAgreement.forPrincipal("p").purpose("x").datasets("students").build());
        assertTrue(noExpiry.getMessage().contains("no expiry"), noExpiry.getMessage());
        IllegalArgumentException noDataset = assertThrows(IllegalArgumentException.class,
                () -> SharingAgreement.forPrincipal("p").purpose("x").expires(T0).build());
        assertTrue(noDataset.getMessage().contains("names no dataset"), noDataset.getMessage());
    }

    @Test
    void findsTheConsumersThatStillReadADeprecatedContractVersion() {
        SnapshotManifest v1 = commit("1.0.0", T0);
        agreements.register(PRODUCT, forecast());
        agreements.register(PRODUCT, SharingAgreement.forPrincipal("planner").purpose("Plan classes")
                .datasets("students").expires(T0.plusSeconds(86_400)).build());
        read(reader(T0.plusSeconds(10)), CONSUMER.urn());
        read(reader(T0.plusSeconds(20)), "planner");
        SnapshotManifest v2 = commit("2.0.0", T0.plusSeconds(30));
        read(reader(T0.plusSeconds(40)), "planner");
        assertThrows(AccessDeniedException.class, () -> read(reader(T0.plusSeconds(50)), "stranger"));

        String contractId = "urn:dataproduct:k12:students:contract";
        ContractRegistry contracts = ContractRegistry.builder()
                .clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).build();
        contracts.publish(contract(contractId, "1.0.0"));
        contracts.publish(contract(contractId, "2.0.0"));
        assertEquals(List.of(), agreements.deprecatedReads(PRODUCT, contractId, audit.records(),
                List.of(v1, v2), contracts));
        contracts.deprecate(contractId, "1.0.0", LocalDate.of(2027, 3, 31), "2.0.0");

        List<DeprecatedRead> stale = agreements.deprecatedReads(PRODUCT, contractId, audit.records(),
                store.history(PRODUCT), contracts);
        assertEquals(List.of(
                new DeprecatedRead("planner", "1.0.0", audit.records().get(1).time(),
                        agreements.agreement(PRODUCT, "planner")),
                new DeprecatedRead(CONSUMER.urn(), "1.0.0", audit.records().get(0).time(), Optional.of(forecast()))),
                stale);
        assertEquals(2, agreements.consumers(PRODUCT).size());
    }

    static DataContract contract(String id, String version) {
        return new DataContract(DataContract.CURRENT_API_VERSION, "DataContract", id, version, "active", "students",
                "k12", "students", "", List.of(), null, List.of(), List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), "", List.of(), List.of(), "", Map.of());
    }
}

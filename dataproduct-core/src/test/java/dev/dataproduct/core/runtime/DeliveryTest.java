package dev.dataproduct.core.runtime;

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
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery ports are handed each committed snapshot as their audience may read it, and nothing more. */
class DeliveryTest extends RuntimeFixture {
    private static final Schema ORDERS = Schema.of(
            Field.of("id", LogicalType.STRING, true),
            Field.of("region", LogicalType.STRING, true),
            Field.of("email", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, true));
    private static final Principal ANALYST = Principal.of("eu-files", "analyst");
    private static final Principal AUDITOR = Principal.of("audit-files", "auditor");

    /** A delivery port that keeps the rows and schemas it was handed, or fails while told to. */
    static final class Capture implements OutputPort {
        private final String name;
        private final Principal audience;
        boolean failing;
        boolean leaveOpen;
        final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        final Map<String, List<String>> columns = new LinkedHashMap<>();
        final List<CommittedSnapshot> handed = new ArrayList<>();

        Capture(String name, Principal audience) {
            this.name = name;
            this.audience = audience;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor(name, "memory", "rows", "");
        }

        @Override
        public Principal audience() {
            return audience;
        }

        @Override
        public void publish(CommittedSnapshot snapshot) {
            if (failing) {
                throw new PortException("port '" + name + "': the share is offline");
            }
            handed.add(snapshot);
            rows.clear();
            columns.clear();
            for (String d : snapshot.datasetNames()) {
                columns.put(d, snapshot.dataset(d).schema().fieldNames());
                List<Map<String, Object>> out = new ArrayList<>();
                if (leaveOpen) {
                    BatchCursor kept = snapshot.dataset(d).open();
                    kept.next();
                    continue;
                }
                snapshot.dataset(d).forEachRow(r -> out.add(r.toMap()));
                rows.put(d, out);
            }
        }
    }

    /** A port that names no audience. */
    static final class Anonymous implements OutputPort {
        int published;

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor("public-files", "memory", "rows", "");
        }

        @Override
        public void publish(CommittedSnapshot snapshot) {
            published++;
        }
    }

    private static Map<String, Object> order(String id, String region, String email, long quantity) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("region", region);
        row.put("email", email);
        row.put("quantity", quantity);
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            order("a", "EU", "ana@example.com", 3), order("b", "US", "bo@example.com", 4),
            order("c", "EU", "cy@example.com", 5), order("d", "APAC", null, 6));

    /** Orders: analysts read EU rows without the email, auditors every row with the email masked. Totals: auditors. */
    private static DataProduct.Builder builder(boolean withPolicies) {
        DatasetSpec.Builder orders = DatasetSpec.named("orders");
        DatasetSpec.Builder totals = DatasetSpec.named("totals");
        for (Field f : ORDERS.fields()) {
            orders.field(f.name(), f.type(), b -> {
                if (f.required()) {
                    b.required();
                }
            });
            totals.field(f.name(), f.type(), b -> {
                if (f.required()) {
                    b.required();
                }
            });
        }
        DataProduct.Builder b = DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders delivered to audiences.")
                .input(new MemoryInput("source", ORDERS, ROWS, 3))
                .output(orders).output(totals)
                .transform(TransformSpec.to("orders").reading("source").with(Transform.of(ctx -> ctx.input("source"))))
                .transform(TransformSpec.to("totals").reading("source").with(Transform.of(ctx -> ctx.input("source"))));
        if (withPolicies) {
            b.access(Policy.forDataset("orders")
                            .grant(Grant.to(Audience.role("analyst")).columns("id", "region", "quantity")
                                    .rows(Expr.col("region").eq("EU")).build())
                            .grant(Grant.to(Audience.role("auditor")).allColumns()
                                    .mask(Target.field("email"), Mask.nullify()).build())
                            .build(),
                    Policy.forDataset("totals").grant(Grant.to(Audience.role("auditor")).allColumns().build()).build());
        }
        return b;
    }

    private List<Map<String, Object>> readPath(DataProduct product, Principal who, String dataset) {
        List<Map<String, Object>> out = new ArrayList<>();
        ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
        try (ReadResult r = reader.read(who, ReadRequest.of(dataset).build())) {
            while (r.next()) {
                RowView view = RowView.over(r.batch());
                for (int i = 0; i < r.batch().getRowCount(); i++) {
                    out.add(view.at(i).toMap());
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        return rows.stream().sorted(Comparator.comparing(r -> String.valueOf(r.get("id")))).toList();
    }

    @Test
    void aPortIsHandedExactlyWhatItsAudienceMayReadThroughTheReadPath() {
        Capture eu = new Capture("eu-files", ANALYST);
        Capture audit = new Capture("audit-files", AUDITOR);
        DataProduct product = builder(true).serve(eu, audit).build();

        RunResult result = runtime.run(product);

        assertEquals(RunResult.Status.SUCCEEDED, result.status(), result.summary());
        assertEquals(List.of("orders"), List.copyOf(eu.rows.keySet()), "analysts may not read totals");
        assertEquals(List.of("id", "region", "quantity"), eu.columns.get("orders"));
        assertEquals(sorted(readPath(product, ANALYST, "orders")), sorted(eu.rows.get("orders")));
        assertEquals(2, eu.rows.get("orders").size(), "only the EU rows");
        assertEquals(List.of("totals"), result.delivery("eu-files").withheld());
        assertEquals(List.of("orders"), result.delivery("eu-files").delivered());
        assertEquals(sorted(readPath(product, AUDITOR, "orders")), sorted(audit.rows.get("orders")));
        assertTrue(audit.rows.get("orders").stream().allMatch(r -> r.get("email") == null), "emails masked");
        assertEquals(4, audit.rows.get("totals").size());
    }

    @Test
    void theSnapshotAPortIsHandedIsNoDoorToTheStoredRowsOrTheirCounts() {
        Capture eu = new Capture("eu-files", ANALYST);
        runtime.run(builder(true).serve(eu).build());
        CommittedSnapshot handed = eu.handed.get(0);
        assertFalse(handed instanceof StoredSnapshot, "a port could cast a stored snapshot and read every row");
        assertEquals(Map.of(), handed.info().rowCounts(), "counts would tell how many rows the filter hides");
        assertEquals(Map.of(), handed.info().quarantinedCounts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handed.dataset("totals"));
        assertTrue(e.getMessage().contains("[orders]"), e.getMessage());
    }

    @Test
    void aPortNamingNoAudienceDeliversOnlyWhatEveryoneMayReadSoNothingUnderDenyByDefault() {
        Anonymous anonymous = new Anonymous();
        DataProduct product = builder(false).serve(anonymous).build();

        RunResult result = runtime.run(product);

        assertEquals(0, anonymous.published, "a product without a policy is read by no one");
        PortOutcome outcome = result.delivery("public-files");
        assertEquals(PortOutcome.Status.FAILED, outcome.status());
        assertEquals(OutputPort.ANONYMOUS.id(), outcome.audience());
        assertEquals(List.of("orders", "totals"), outcome.withheld());
        assertTrue(outcome.error().orElseThrow().contains("may read none of the datasets"), outcome.error().get());
        assertEquals(RunResult.Status.PARTIALLY_DELIVERED, result.status());
        assertTrue(store.current(product.address()).isPresent(), "the snapshot is committed all the same");
    }

    @Test
    void aRequiredPortThatFailsFailsTheRunWhileItsSnapshotStaysCommittedAndCurrent() {
        Capture eu = new Capture("eu-files", ANALYST);
        Capture audit = new Capture("audit-files", AUDITOR);
        eu.failing = true;
        List<String> observed = new ArrayList<>();
        ProductRuntime observedRuntime = ProductRuntime.builder().allocator(allocator).store(store)
                .observer(new RunObserver() {
                    @Override
                    public void completed(RunStart run, RunResult result) {
                        observed.add("completed " + result.status());
                    }

                    @Override
                    public void failed(RunStart run, RuntimeException error) {
                        observed.add("failed");
                    }
                }).build();
        DataProduct product = builder(true).serveRequired(eu).serve(audit).build();
        try {
            DeliveryException e = assertThrows(DeliveryException.class, () -> observedRuntime.run(product));

            RunResult result = e.result();
            assertEquals(RunResult.Status.FAILED, result.status());
            assertTrue(e.getMessage().contains("'eu-files': port 'eu-files': the share is offline"), e.getMessage());
            assertTrue(e.getMessage().contains("redeliver"), e.getMessage());
            assertEquals(store.current(product.address()).orElseThrow().id(), result.snapshot().id());
            assertTrue(result.delivery("eu-files").required());
            assertEquals(PortOutcome.Status.DELIVERED, result.delivery("audit-files").status(),
                    "the other ports are delivered to all the same");
            assertEquals(List.of("completed FAILED"), observed, "the commit is durable: observers see a completed run");
        } finally {
            observedRuntime.close();
        }
    }

    @Test
    void anOptionalPortThatFailsLeavesTheRunSucceededButPartiallyDelivered() {
        Capture eu = new Capture("eu-files", ANALYST);
        eu.failing = true;
        RunResult result = runtime.run(builder(true).serve(eu).build());
        assertEquals(RunResult.Status.PARTIALLY_DELIVERED, result.status());
        assertEquals(List.of("eu-files: port 'eu-files': the share is offline"), result.portFailures());
        assertTrue(result.summary().contains("PORT FAILURE eu-files"), result.summary());
    }

    @Test
    void redeliveryGivesACommittedSnapshotAgainToOnePort() {
        Capture eu = new Capture("eu-files", ANALYST);
        Capture audit = new Capture("audit-files", AUDITOR);
        eu.failing = true;
        DataProduct product = builder(true).serve(eu, audit).build();
        RunResult first = runtime.run(product);
        assertEquals(PortOutcome.Status.FAILED, first.delivery("eu-files").status());

        eu.failing = false;
        PortOutcome again = runtime.redeliver(product, first.snapshot().id(), "eu-files");

        assertEquals(PortOutcome.Status.DELIVERED, again.status(), again.toString());
        assertEquals(first.snapshot().id(), eu.handed.get(0).info().id());
        assertEquals(sorted(readPath(product, ANALYST, "orders")), sorted(eu.rows.get("orders")));
        assertEquals(1, audit.handed.size(), "only the port named is delivered to again");
    }

    @Test
    void redeliveryOfAnUnknownPortOrSnapshotIsRefusedWithWhatThereIs() {
        Capture eu = new Capture("eu-files", ANALYST);
        DataProduct product = builder(true).serve(eu).build();
        RunResult first = runtime.run(product);

        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> runtime.redeliver(product, first.snapshot().id(), "nope"));
        assertTrue(port.getMessage().contains("[eu-files]"), port.getMessage());
        DataProductException snapshot = assertThrows(DataProductException.class,
                () -> runtime.redeliver(product, "no-such-snapshot", "eu-files"));
        assertTrue(snapshot.getMessage().contains(first.snapshot().id()), snapshot.getMessage());
    }

    @Test
    void deliveryReadsAreAuditedAsTheAudienceThroughThePort() {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        Capture eu = new Capture("eu-files", ANALYST);
        try (ProductRuntime audited = ProductRuntime.builder().allocator(allocator).store(store)
                .deliveryReads(r -> r.audit(audit)).build()) {
            audited.run(builder(true).serve(eu).build());
        }
        List<AuditRecord> records = audit.records();
        assertEquals(1, records.size(), records.toString());
        AuditRecord r = records.get(0);
        assertEquals("eu-files", r.principal());
        assertEquals("eu-files", r.port());
        assertEquals("orders", r.dataset());
        assertEquals(AuditRecord.Decision.ALLOWED, r.decision());
        assertEquals(2, r.rows());
    }

    @Test
    void aPortThatKeepsAReadOpenPastPublishFailsAndLeaksNothing() {
        Capture eu = new Capture("eu-files", ANALYST);
        eu.leaveOpen = true;
        RunResult result = runtime.run(builder(true).serve(eu).build());
        assertEquals(PortOutcome.Status.FAILED, result.delivery("eu-files").status(), result.summary());
        runtime.close();
        assertTrue(allocator.getChildAllocators().isEmpty(), allocator.toVerboseString());
    }
}

package dev.dataproduct.core.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.Composite;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.compose.Mesh;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompositeProductTest {
    static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.STRING);
    static final Owner OWNER = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
    static final DatasetSpec CUSTOMERS = DatasetSpec.named("customers")
            .field("id", LogicalType.STRING, f -> f.required().primaryKey().conformedKey("customer"))
            .field("segment", LogicalType.STRING, f -> f.required())
            .build();
    static final DatasetSpec PURCHASES = DatasetSpec.named("purchases")
            .field("purchase_id", LogicalType.INT64, f -> f.required().primaryKey())
            .field("customer_id", LogicalType.STRING, f -> f.conformedKey("customer"))
            .field("amount", LogicalType.INT64, f -> f.required())
            .build();
    static final DatasetSpec ENRICHED = DatasetSpec.named("enriched")
            .field("purchase_id", LogicalType.INT64, f -> f.required().primaryKey())
            .field("customer_id", LogicalType.STRING, f -> f.conformedKey("customer"))
            .field("amount", LogicalType.INT64, f -> f.required())
            .field("segment", LogicalType.STRING)
            .build();

    BufferAllocator allocator;
    ProductRuntime runtime;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        runtime = ProductRuntime.builder().allocator(allocator).build();
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        allocator.close();
    }

    static DataProduct source(String name, DatasetSpec spec, List<Map<String, Object>> rows) {
        return DataProduct.builder(name).domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Rows for composite tests.")
                .input(new RowsPort("raw", spec.schema(), rows))
                .output(spec)
                .access(Policy.forDataset(spec.name()).grant(Grant.to(Audience.role("analyst")).allColumns().build())
                        .build())
                .transform(ctx -> ctx.input("raw"))
                .build();
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    static DataProduct composite(Composite transform) {
        return composite(transform, ENRICHED);
    }

    static DataProduct composite(Composite transform, DatasetSpec output) {
        ProductInput purchases = ProductInput.of("urn:dataproduct:retail:purchases", 1).dataset("purchases");
        ProductInput customers = ProductInput.of("urn:dataproduct:retail:customers", 1).dataset("customers");
        return DataProduct.builder("customer-purchases").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Purchases with their customer's segment.")
                .principalRoles("analyst")
                .input(purchases).input(customers)
                .output(output)
                .access(Policy.forDataset("enriched").build())
                .transform(transform)
                .build();
    }

    DataProduct customers(Map<String, Object>... extra) {
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row("id", "c1", "segment", "gold"),
                row("id", "c2", "segment", "silver"), row("id", "c3", "segment", "bronze")));
        rows.addAll(List.of(extra));
        return source("customers", CUSTOMERS, rows);
    }

    DataProduct purchases() {
        return source("purchases", PURCHASES, List.of(row("purchase_id", 1L, "customer_id", "c1", "amount", 10L),
                row("purchase_id", 2L, "customer_id", "c2", "amount", 20L),
                row("purchase_id", 3L, "customer_id", "c1", "amount", 30L),
                row("purchase_id", 4L, "customer_id", null, "amount", 40L),
                row("purchase_id", 5L, "customer_id", "c9", "amount", 50L)));
    }

    @Test
    void compositeProductJoinsItsProductInputsAndRecordsTheJoinReport() {
        DataProduct joined = composite(Composite.join("purchases").with("customers").on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT));
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(joined).product(customers())
                .product(purchases()).build()) {
            List<RunResult> results = host.runAll();
            RunResult result = results.get(results.size() - 1);

            assertEquals(5, result.published(), result.summary());
            List<JoinReport> joins = result.joins();
            assertEquals(1, joins.size());
            JoinReport report = joins.get(0);
            assertEquals(new JoinReport.Side(5, 3, 2, 1, 0, 0), report.leftSide(), report.summary());
            assertEquals(new JoinReport.Side(3, 2, 1, 0, 0, 0), report.rightSide(), report.summary());
        }
    }

    @Test
    void compositeProductQuarantinesRowsOfADuplicatedKeyWhenItSaysSo() {
        DataProduct joined = composite(Composite.join("purchases").with("customers").on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).quarantineDuplicates().type(JoinType.LEFT),
                new DatasetSpec("enriched", "", ENRICHED.schema(), 0.9));
        DataProduct customers = source("customers", DatasetSpec.named("customers")
                .field("id", LogicalType.STRING, f -> f.required().conformedKey("customer"))
                .field("segment", LogicalType.STRING, f -> f.required()).build(),
                List.of(row("id", "c1", "segment", "gold"), row("id", "c1", "segment", "platinum"),
                        row("id", "c2", "segment", "silver")));
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(joined).product(customers)
                .product(purchases()).build()) {
            List<RunResult> results = host.runAll();
            RunResult result = results.get(results.size() - 1);

            // purchases 1 and 3 of c1 and both c1 customers are quarantined; nothing counted twice
            assertEquals(3, result.published(), result.summary());
            assertEquals(4, result.quarantined(), result.summary());
            assertEquals(result.rowsIn(), result.published() + result.quarantined());
            assertEquals(2, result.joins().get(0).leftSide().quarantined());
        }
    }

    @Test
    void aOneToOneFullJoinBrokenOnBothSidesQuarantinesEveryRowOfTheKeyAndLosesNone() {
        DataProduct joined = composite(Composite.join("purchases").with("customers").on(CUSTOMER)
                .cardinality(Cardinality.ONE_TO_ONE).quarantineDuplicates().type(JoinType.FULL),
                new DatasetSpec("enriched", "", DatasetSpec.named("enriched")
                        .field("purchase_id", LogicalType.INT64)
                        .field("customer_id", LogicalType.STRING, f -> f.conformedKey("customer"))
                        .field("amount", LogicalType.INT64)
                        .field("segment", LogicalType.STRING).build().schema(), 0.9));
        DataProduct customers = source("customers", DatasetSpec.named("customers")
                .field("id", LogicalType.STRING, f -> f.required().conformedKey("customer"))
                .field("segment", LogicalType.STRING, f -> f.required()).build(),
                List.of(row("id", "c1", "segment", "gold"), row("id", "c1", "segment", "platinum"),
                        row("id", "c2", "segment", "silver"), row("id", "c7", "segment", "none")));
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(joined).product(customers)
                .product(purchases()).build()) {
            List<RunResult> results = host.runAll();
            RunResult result = results.get(results.size() - 1);

            JoinReport report = result.joins().get(0);
            // c1: purchases 1 and 3, both c1 customers; out: c2 matched, purchases 4 (null key) and 5, customer c7
            assertEquals(new JoinReport.Side(5, 1, 2, 1, 2, 1), report.leftSide(), report.summary());
            assertEquals(new JoinReport.Side(4, 1, 1, 0, 2, 1), report.rightSide(), report.summary());
            assertEquals(4, result.published(), result.summary());
            assertEquals(4, result.quarantined(), result.summary());
            assertEquals(result.rowsIn(), result.published() + result.quarantined());
        }
    }

    @Test
    void compositeProductRefusesADuplicatedKeyBeforePublishingAnything() {
        DataProduct joined = composite(Composite.join("purchases").with("customers").on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT));
        DataProduct customers = source("customers", DatasetSpec.named("customers")
                .field("id", LogicalType.STRING, f -> f.required().conformedKey("customer"))
                .field("segment", LogicalType.STRING, f -> f.required()).build(),
                List.of(row("id", "c1", "segment", "gold"), row("id", "c1", "segment", "platinum")));
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(joined).product(customers)
                .product(purchases()).build()) {
            host.run(customers.address());
            host.run(purchases().address());
            JoinRefusedException e = assertThrows(JoinRefusedException.class, () -> host.run(joined.address()));
            assertTrue(e.getMessage().contains("1 keys occur more than once on the right side 'customers'"),
                    e.getMessage());
            assertTrue(runtime.store().current(joined.address()).isEmpty());
        }
    }

    @Test
    void meshRefusesAJoinOnAKeyAnUpstreamLacksOrHoldsWithAnotherTypeNamingProductDatasetAndField() {
        DataProduct joined = composite(Composite.join("purchases").with("customers").on(CUSTOMER)
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT));
        DataProduct customers = source("customers", DatasetSpec.named("customers")
                .field("id", LogicalType.INT64, f -> f.required().conformedKey("customer"))
                .field("segment", LogicalType.STRING, f -> f.required()).build(), List.of());
        DataProduct purchases = source("purchases", DatasetSpec.named("purchases")
                .field("purchase_id", LogicalType.INT64, f -> f.required().primaryKey())
                .field("customer_id", LogicalType.STRING)
                .field("amount", LogicalType.INT64, f -> f.required()).build(), List.of());

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Mesh.of(List.of(joined, customers, purchases)));

        assertEquals(List.of("urn:dataproduct:retail:customer-purchases:v1: input 'purchases' (dataset 'purchases' of "
                + "urn:dataproduct:retail:purchases:v1) has no field conforming to key 'customer' (string): mark the "
                + "field that holds it with conformedKey(\"customer\")",
                "urn:dataproduct:retail:customer-purchases:v1: input 'customers' (dataset 'customers' of "
                + "urn:dataproduct:retail:customers:v1), field 'id' conforms to key 'customer' but has type int64; "
                + "the key's type is string"), e.problems());
    }

    /** An input of rows in memory. */
    static final class RowsPort implements InputPort {
        private final String name;
        private final Schema schema;
        private final List<Map<String, Object>> rows;
        private final List<VectorSchemaRoot> batches = new ArrayList<>();

        RowsPort(String name, Schema schema, List<Map<String, Object>> rows) {
            this.name = name;
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor(name, "memory", "arrow", "");
        }

        @Override
        public Dataset open(InputContext context) {
            close();
            batches.add(BatchBuilder.fromRows(schema, rows, context.allocator()));
            return Dataset.of(name, schema, batches);
        }

        @Override
        public void close() {
            batches.forEach(VectorSchemaRoot::close);
            batches.clear();
        }
    }
}

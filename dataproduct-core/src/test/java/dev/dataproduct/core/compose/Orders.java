package dev.dataproduct.core.compose;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Products for composition tests: an upstream of orders fed from memory, and products reading it. */
final class Orders {
    static final Owner OWNER = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
    static final DatasetSpec SPEC = DatasetSpec.named("orders")
            .field("id", LogicalType.INT64, f -> f.required().primaryKey())
            .field("region", LogicalType.STRING, f -> f.required())
            .field("amount", LogicalType.INT64, f -> f.required())
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
            .build();

    private Orders() {
    }

    /** Rows [from, from + count): regions cycle EU, US, APAC; amounts from the id. */
    static List<Map<String, Object>> rows(long from, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] regions = {"EU", "US", "APAC"};
        for (long id = from; id < from + count; id++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("region", regions[(int) (id % 3)]);
            row.put("amount", (id * 37) % 1000);
            row.put("email", "c" + id + "@example.com");
            rows.add(row);
        }
        return rows;
    }

    /** A foundational product of orders whose rows come from a supplier, asked at each run. */
    static DataProduct.Builder upstream(String name, Supplier<List<Map<String, Object>>> rows, Policy policy) {
        return DataProduct.builder(name).domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Orders, for composition tests.")
                .input(new RowsPort("raw", SPEC.schema(), rows))
                .output(SPEC)
                .access(policy)
                .transform(ctx -> ctx.input("raw"));
    }

    /** A derived product that republishes what it reads of an upstream's orders, as its spec says. */
    static DataProduct.Builder downstream(String name, ProductInput input, DatasetSpec output) {
        return DataProduct.builder(name).domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Orders as another product sees them, for composition tests.")
                .input(input)
                .output(output)
                .transform(ctx -> ctx.input(input.name()));
    }

    /** A product with no inputs of other products, in the mesh only for its place in the order. */
    static DataProduct.Builder standalone(String name) {
        return upstream(name, () -> rows(0, 3), Policy.forDataset("orders").build());
    }

    /** A product reading an orders dataset of each of the given products, republishing the first. */
    static DataProduct.Builder reading(String name, String... upstreams) {
        DataProduct.Builder b = DataProduct.builder(name).domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Reads other products, for mesh tests.").output(SPEC)
                .access(Policy.forDataset("orders").build());
        for (String u : upstreams) {
            b.input(ProductInput.of("urn:dataproduct:retail:" + u, 1).dataset("orders").named(u));
        }
        String first = upstreams[0];
        return b.transform(ctx -> ctx.input(first));
    }

    /** Every row of a dataset of a committed snapshot, read from the store (no policy: the test's view). */
    static List<Map<String, Object>> stored(SnapshotStore store, SnapshotManifest manifest, String dataset,
                                            BufferAllocator allocator) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StoredSnapshot snapshot = store.open(manifest, allocator);
        snapshot.dataset(dataset).forEachBatch(batch -> {
            RowView view = RowView.over(batch);
            for (int i = 0; i < batch.getRowCount(); i++) {
                RowView r = view.at(i);
                Map<String, Object> row = new LinkedHashMap<>();
                batch.getSchema().getFields().forEach(f -> row.put(f.getName(), plain(r.get(f.getName()))));
                rows.add(row);
            }
        });
        return rows;
    }

    private static Object plain(Object v) {
        return v instanceof org.apache.arrow.vector.util.Text t ? t.toString() : v;
    }

    /** An input of rows in memory, asked of a supplier at each open; fails when the supplier does. */
    static final class RowsPort implements InputPort {
        private final String name;
        private final Schema schema;
        private final Supplier<List<Map<String, Object>>> rows;
        private final List<VectorSchemaRoot> batches = new ArrayList<>();

        RowsPort(String name, Schema schema, Supplier<List<Map<String, Object>>> rows) {
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
            batches.add(BatchBuilder.fromRows(schema, rows.get(), context.allocator()));
            return Dataset.of(name, schema, batches);
        }

        @Override
        public void close() {
            batches.forEach(VectorSchemaRoot::close);
            batches.clear();
        }
    }
}

package dev.dataproduct.core.compose;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.compat.ExpectationChecker;
import dev.dataproduct.core.compat.ExpectationReport;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.runtime.RunRefusedException;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.UpstreamSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product inputs of one run, resolved before any work: each input's upstream found, its
 * consumer expectations checked against the upstream's contract, the consuming product's
 * principal allowed by the upstream's policy, and the snapshot read chosen (the pinned one, or the
 * upstream's current one). The runtime then opens each input through the upstream's read path, on
 * that one snapshot, and records the snapshots in the manifest it commits.
 */
public final class ProductInputs implements AutoCloseable {
    private final Map<String, Resolved> resolved;
    private final List<ReadDataset> opened = new ArrayList<>();

    private record Resolved(ProductInput input, UpstreamProduct upstream, SnapshotManifest snapshot) {
    }

    private ProductInputs(Map<String, Resolved> resolved) {
        this.resolved = resolved;
    }

    /**
     * Resolves the product inputs of a product, reporting every problem at once.
     *
     * @param product the consuming product
     * @param upstreams the products its inputs may read
     * @return the resolved inputs; close them after the run
     * @throws RunRefusedException with every reason, if any input cannot be read
     */
    public static ProductInputs prepare(DataProduct product, UpstreamProducts upstreams) {
        List<String> reasons = new ArrayList<>();
        Map<String, Resolved> resolved = new LinkedHashMap<>();
        Principal principal = product.principal();
        for (ProductInput in : product.productInputs()) {
            String where = "input '" + in.name() + "' reads " + in.product().urn();
            Optional<UpstreamProduct> found = upstreams.find(in.product());
            if (found.isEmpty()) {
                reasons.add(where + ", which is not among the products given to the run " + upstreams.addresses()
                        + "; run the product in a ProductHost or Mesh that holds it");
                continue;
            }
            UpstreamProduct up = found.get();
            List<String> unmet = unmetExpectations(in, up.product());
            if (!unmet.isEmpty()) {
                reasons.addAll(unmet);
                continue;
            }
            if (up.product().output(in.dataset()).isEmpty()) {
                reasons.add(where + ", which has no dataset '" + in.dataset() + "'; its datasets are "
                        + up.product().outputs().stream().map(DatasetSpec::name).toList());
                continue;
            }
            if (!up.reader().mayRead(principal, in.dataset())) {
                reasons.add(where + ", whose access policy on dataset '" + in.dataset() + "' does not let this "
                        + "product read: its principal is '" + principal.id() + "' with roles "
                        + new java.util.TreeSet<>(principal.roles()) + "; ask the owner of " + in.product().urn()
                        + " for a grant to one of those roles, or declare the role granted with principalRoles(...)");
                continue;
            }
            Optional<SnapshotManifest> snapshot = snapshot(in, up, reasons);
            snapshot.ifPresent(s -> resolved.put(in.name(), new Resolved(in, up, s)));
        }
        if (!reasons.isEmpty()) {
            throw new RunRefusedException(product.address().urn(), reasons);
        }
        return new ProductInputs(resolved);
    }

    /**
     * @param in a product input
     * @param upstream the product it reads
     * @return each expectation of the input the upstream's contract does not meet, as a sentence
     *     naming the input; empty if it declares none or all are met
     */
    static List<String> unmetExpectations(ProductInput in, DataProduct upstream) {
        if (in.expectations().isEmpty()) {
            return List.of();
        }
        ExpectationReport report = ExpectationChecker.check(in.expectations().get(), upstream.contract());
        return report.unmet().stream().map(u -> "input '" + in.name() + "' expects " + u.expectation() + " of "
                + upstream.address().urn() + " (contract '" + report.contractId() + "' version "
                + report.contractVersion() + "), but " + u.reason()).toList();
    }

    private static Optional<SnapshotManifest> snapshot(ProductInput in, UpstreamProduct up, List<String> reasons) {
        String where = "input '" + in.name() + "' reads " + in.product().urn();
        if (in.snapshot().isPresent()) {
            String id = in.snapshot().get();
            Optional<SnapshotManifest> pinned = up.store().history(up.reader().product()).stream()
                    .filter(m -> m.id().equals(id)).findFirst();
            if (pinned.isEmpty()) {
                reasons.add(where + " at pinned snapshot '" + id + "', which is not there (never committed, or "
                        + "removed by retention); pin a snapshot the upstream still keeps");
            }
            return pinned;
        }
        Optional<SnapshotManifest> current = up.store().current(up.reader().product());
        if (current.isEmpty()) {
            reasons.add(where + ", which has no committed snapshot yet; run it first");
        }
        return current;
    }

    /**
     * @param input a product input of the product
     * @param principal the consuming product's principal
     * @return the dataset the transforms read: the chosen snapshot of the upstream, through its read
     *     path as the principal; each pass is a new read of that snapshot
     */
    public Dataset open(ProductInput input, Principal principal) {
        Resolved r = resolved.get(input.name());
        ReadRequest request = ReadRequest.of(input.dataset()).snapshot(SnapshotSelector.id(r.snapshot().id()))
                .via("product-input").build();
        Schema declared = r.upstream().product().output(input.dataset()).map(DatasetSpec::schema)
                .orElse(new Schema(List.of()));
        ReadDataset dataset = new ReadDataset(input.name(), declared,
                () -> r.upstream().reader().read(principal, request));
        opened.add(dataset);
        return dataset;
    }

    /** @return the snapshot each product input reads, in the order of the inputs, for the manifest */
    public List<UpstreamSnapshot> snapshots() {
        List<UpstreamSnapshot> out = new ArrayList<>();
        resolved.values().forEach(r -> out.add(new UpstreamSnapshot(r.input().name(), r.input().product().urn(),
                r.input().dataset(), r.snapshot().id(), r.upstream().product().contract().version())));
        return out;
    }

    /** Ends every read a transform left open. */
    @Override
    public void close() {
        opened.forEach(ReadDataset::close);
        opened.clear();
    }

    /**
     * A dataset whose passes are reads of one snapshot. The first read is made when the schema is
     * first asked for, and kept for the first pass, so that the schema is the one the principal
     * sees (hidden columns absent, masked ones as masked) without a read of its own.
     */
    private static final class ReadDataset implements Dataset {
        private final String name;
        private final Schema declared;
        private final java.util.function.Supplier<ReadResult> read;
        private ReadResult first;
        private Schema schema;

        ReadDataset(String name, Schema declared, java.util.function.Supplier<ReadResult> read) {
            this.name = name;
            this.declared = declared;
            this.read = read;
        }

        /**
         * The columns the principal sees, each with the upstream's declaration (description,
         * classification, conformed key) where its type is the declared one: a composite joins on
         * the conformed keys an upstream declares.
         */
        private Schema seen(org.apache.arrow.vector.types.pojo.Schema arrow) {
            List<dev.dataproduct.api.schema.Field> fields = new ArrayList<>();
            for (dev.dataproduct.api.schema.Field f : Schema.fromArrow(arrow).fields()) {
                fields.add(declared.field(f.name()).filter(d -> d.type().equals(f.type()))
                        .map(d -> new dev.dataproduct.api.schema.Field(d.name(), d.type(), f.required(),
                                d.description(), d.classification(), d.personalData(), d.primaryKeyPosition(),
                                d.conformedKey(), d.constraints(), d.examples()))
                        .orElse(f));
            }
            return new Schema(fields);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Schema schema() {
            if (schema == null) {
                first = read.get();
                schema = seen(first.schema());
            }
            return schema;
        }

        @Override
        public BatchCursor open() {
            if (first != null) {
                ReadResult r = first;
                first = null;
                return r;
            }
            ReadResult r = read.get();
            if (schema == null) {
                schema = seen(r.schema());
            }
            return r;
        }

        void close() {
            if (first != null) {
                first.close();
                first = null;
            }
        }
    }
}

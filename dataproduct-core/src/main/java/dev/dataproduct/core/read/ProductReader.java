package dev.dataproduct.core.read;

import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.SharingAgreement;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.access.AccessEnforcer;
import dev.dataproduct.core.access.AccessView;
import dev.dataproduct.core.access.MaskKeys;
import dev.dataproduct.core.agreement.AgreementRegistry;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.AuditSink;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotPin;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The one door every read of a product's data goes through. It opens a snapshot of the product's
 * store (the current one, one by id, or the one current at an instant), pins it while it is read,
 * applies the dataset's access policy for the principal (deny by default), then the request's
 * filter on the masked values, its order, limit and resume cursor, streams Arrow batches, and
 * audits every read, allowed, denied or refused.
 *
 * <pre>{@code
 * ProductReader reader = ProductReader.builder(store, product.address())
 *     .datasets(product)                                   // specs and policies of the product
 *     .allocator(allocator)
 *     .audit(JsonLinesAuditSink.at(Path.of("audit.jsonl")))
 *     .hashKey("pii", secretFromVault)
 *     .build();
 * try (ReadResult result = reader.read(principal, ReadRequest.of("students").limit(50).build())) {
 *     while (result.next()) { ... }
 * }
 * }</pre>
 *
 * <p>A request that names a column the principal cannot see, in its projection, filter or order,
 * is refused with the same {@link InvalidRequestException} as one naming a column that does not
 * exist. Safe for use by several threads; each result is for one thread.
 */
public final class ProductReader {
    private final SnapshotStore store;
    private final ProductAddress product;
    private final ProductAddress served;
    private final Map<String, AccessEnforcer> enforcers;
    private final BufferAllocator allocator;
    private final AuditSink audit;
    private final Clock clock;
    private final long maxSortRows;
    private final int batchSize;
    private final Map<String, Policy> policies;
    private final MaskKeys keys;
    private final Optional<AgreementRegistry> agreements;
    private final Map<List<Object>, AccessEnforcer> agreed = new ConcurrentHashMap<>();

    private ProductReader(Builder b, Map<String, AccessEnforcer> enforcers) {
        this.store = b.store;
        this.product = b.product;
        this.served = b.served;
        this.enforcers = Map.copyOf(enforcers);
        this.allocator = Objects.requireNonNull(b.allocator, "allocator: call allocator(...)");
        this.audit = b.audit;
        this.clock = b.clock;
        this.maxSortRows = b.maxSortRows;
        this.batchSize = b.batchSize;
        this.policies = Map.copyOf(b.policies);
        this.keys = b.keys;
        this.agreements = Optional.ofNullable(b.agreements);
    }

    /**
     * @param store where the product's snapshots are
     * @param product the product read
     * @return a builder
     */
    public static Builder builder(SnapshotStore store, ProductAddress product) {
        return new Builder(store, product);
    }

    /**
     * A reader of a product: of its own store, or, for a restricted product, of its source's
     * snapshots through the restricted product's policies. Audit records name the product given
     * here and the snapshot of the product whose store was read.
     *
     * @param store where the product's snapshots are (for a restricted product, its source's)
     * @param product the product served
     * @return a builder with the product's datasets and policies
     */
    public static Builder builder(SnapshotStore store, DataProduct product) {
        return new Builder(store, product.address()).datasets(product);
    }

    /** @return the product whose snapshots are read */
    public ProductAddress product() {
        return product;
    }

    /** @return the product served: the one read, or the restricted product serving it */
    public ProductAddress served() {
        return served;
    }

    /**
     * Reads a dataset as a principal.
     *
     * @param principal who reads
     * @param request what is read
     * @return the result, streamed; the caller closes it (which releases the snapshot and audits)
     * @throws AccessDeniedException if no grant of the dataset's policy is for the principal
     * @throws InvalidRequestException if the request names an unknown or hidden column or dataset,
     *     or carries a cursor of another request
     * @throws DataProductException if the snapshot asked for does not exist
     */
    public ReadResult read(Principal principal, ReadRequest request) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(request, "request");
        String[] snapshotId = {""};
        try {
            AccessEnforcer enforcer = enforcers.get(request.dataset());
            if (enforcer == null) {
                throw new InvalidRequestException(product + " has no dataset '" + request.dataset()
                        + "'; datasets are " + enforcers.keySet());
            }
            enforcer = underAgreement(enforcer, principal, request.dataset());
            // the access decision comes first: a denied principal learns nothing of cursors or snapshots
            AccessView view = enforcer.viewFor(principal);
            String fingerprint = ResumePosition.fingerprint(principal, request);
            Optional<ResumePosition> resume = request.cursor().map(c -> ResumePosition.decode(c, fingerprint));
            SnapshotManifest manifest = resume.isPresent() ? resumed(resume.get())
                    : resolve(request.snapshot());
            snapshotId[0] = manifest.id();
            List<String> columns = check(request, view, enforcer.spec());
            return open(principal, request, manifest, enforcer, view, columns, resume.map(ResumePosition::offset)
                    .orElse(0L), fingerprint);
        } catch (AccessDeniedException e) {
            record(principal, request, snapshotId[0], AuditRecord.Decision.DENIED, List.of(), List.of(), 0);
            throw e;
        } catch (InvalidRequestException e) {
            record(principal, request, snapshotId[0], AuditRecord.Decision.REFUSED, List.of(), List.of(), 0);
            throw e;
        } catch (RuntimeException e) {
            record(principal, request, snapshotId[0], AuditRecord.Decision.FAILED, List.of(), List.of(), 0);
            throw e;
        }
    }

    /**
     * Whether a principal may read a dataset at all (some grant of its policy, or of a running
     * sharing agreement, is for the principal). Nothing is read and nothing is audited; an
     * information interface uses it to show a dataset's metadata only to those who may read it.
     *
     * @param principal who asks
     * @param dataset a dataset of the product
     * @return whether a read of the dataset by the principal would be allowed
     */
    public boolean mayRead(Principal principal, String dataset) {
        Objects.requireNonNull(principal, "principal");
        AccessEnforcer enforcer = enforcers.get(Objects.requireNonNull(dataset, "dataset"));
        if (enforcer == null) {
            return false;
        }
        try {
            underAgreement(enforcer, principal, dataset).viewFor(principal);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /**
     * The Arrow schema of the batches a read of every column of a dataset by a principal returns:
     * the columns the principal sees, masked ones nullable. Nothing is read and nothing is audited,
     * as with {@link #mayRead}.
     *
     * @param principal who reads
     * @param dataset a dataset of the product
     * @return the schema of what the principal reads of the dataset
     * @throws AccessDeniedException if the principal may not read the dataset
     * @throws InvalidRequestException if the product has no such dataset
     */
    public Schema schema(Principal principal, String dataset) {
        AccessEnforcer enforcer = enforcer(dataset);
        return view(enforcer, principal, dataset).schema(enforcer.spec().schema().toArrow());
    }

    /**
     * The columns of a dataset a principal sees masked in some or all rows (never in the clear in
     * every row), in the dataset's order. Nothing is read and nothing is audited, as with
     * {@link #mayRead}.
     *
     * @param principal who reads
     * @param dataset a dataset of the product
     * @return the visible columns that may be masked for the principal
     * @throws AccessDeniedException if the principal may not read the dataset
     * @throws InvalidRequestException if the product has no such dataset
     */
    public Set<String> maskedColumns(Principal principal, String dataset) {
        return view(enforcer(dataset), principal, dataset).maskedColumns();
    }

    private AccessEnforcer enforcer(String dataset) {
        AccessEnforcer enforcer = enforcers.get(Objects.requireNonNull(dataset, "dataset"));
        if (enforcer == null) {
            throw new InvalidRequestException(product + " has no dataset '" + dataset + "'; datasets are "
                    + enforcers.keySet());
        }
        return enforcer;
    }

    private AccessView view(AccessEnforcer enforcer, Principal principal, String dataset) {
        return underAgreement(enforcer, Objects.requireNonNull(principal, "principal"), dataset).viewFor(principal);
    }

    /**
     * Applies a dataset's policy, as a principal reads it, to rows of the dataset served from outside
     * a snapshot (an online feature store, materialised through this reader): rows the principal may
     * not see are dropped, hidden columns left out and masked ones masked, exactly as on a read. The
     * decision is audited like a read through the port named.
     *
     * @param principal who reads
     * @param dataset the dataset the rows belong to
     * @param rows rows with the dataset's columns; not changed
     * @param port the port serving the rows, for the audit
     * @return the rows as the principal sees them; the caller closes it
     * @throws AccessDeniedException if no grant of the dataset's policy is for the principal
     * @throws InvalidRequestException if the product has no such dataset
     */
    public org.apache.arrow.vector.VectorSchemaRoot applyPolicy(Principal principal, String dataset,
                                                                org.apache.arrow.vector.VectorSchemaRoot rows,
                                                                String port) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(rows, "rows");
        ReadRequest request = ReadRequest.of(Objects.requireNonNull(dataset, "dataset")).via(port).build();
        AccessEnforcer enforcer = enforcers.get(dataset);
        if (enforcer == null) {
            record(principal, request, "", AuditRecord.Decision.REFUSED, List.of(), List.of(), 0);
            throw new InvalidRequestException(product + " has no dataset '" + dataset + "'; datasets are "
                    + enforcers.keySet());
        }
        AccessView view;
        try {
            view = underAgreement(enforcer, principal, dataset).viewFor(principal);
        } catch (AccessDeniedException e) {
            record(principal, request, "", AuditRecord.Decision.DENIED, List.of(), List.of(), 0);
            throw e;
        }
        org.apache.arrow.vector.VectorSchemaRoot seen = view.apply(rows, allocator);
        record(principal, request, "", AuditRecord.Decision.ALLOWED, view.columns(),
                view.columns().stream().filter(view.maskedColumns()::contains).toList(), seen.getRowCount());
        return seen;
    }

    /** The snapshot a resume cursor names; one that is gone is a bad cursor, not a failure of the reader. */
    private SnapshotManifest resumed(ResumePosition resume) {
        try {
            return resolve(SnapshotSelector.id(resume.snapshot()));
        } catch (InvalidRequestException e) {
            throw e;
        } catch (DataProductException e) {
            throw new InvalidRequestException("the cursor names a snapshot of " + product
                    + " that is no longer there; start the read again without a cursor");
        }
    }

    /**
     * The enforcer for a principal with a running sharing agreement: the dataset's policy plus the
     * agreement's grant. Built once per agreement; a renewed agreement is another key.
     */
    private AccessEnforcer underAgreement(AccessEnforcer declared, Principal principal, String dataset) {
        Optional<SharingAgreement> agreement = agreements.flatMap(r -> r.running(served, principal.id(), dataset,
                clock.instant()));
        if (agreement.isEmpty()) {
            return declared;
        }
        return agreed.computeIfAbsent(List.of(dataset, agreement.get()), k -> {
            Grant grant = agreement.get().grant();
            Policy declaredPolicy = policies.get(dataset);
            Policy policy = declaredPolicy == null ? Policy.forDataset(dataset).grant(grant).build()
                    : declaredPolicy.with(List.of(grant));
            return AccessEnforcer.of(served.urn(), declared.spec(), Optional.of(policy), keys);
        });
    }

    private ReadResult open(Principal principal, ReadRequest request, SnapshotManifest manifest,
                            AccessEnforcer enforcer, AccessView view, List<String> columns, long offset,
                            String fingerprint) {
        SnapshotPin pin = store.pin(manifest);
        BatchCursor source = null;
        try {
            StoredSnapshot snapshot = store.open(manifest, allocator);
            if (!snapshot.datasetNames().contains(request.dataset())) {
                throw new DataProductException("snapshot " + manifest.id() + " of " + product + " has no dataset '"
                        + request.dataset() + "'; it was committed before the dataset existed, read a later one");
            }
            Schema stored = snapshot.dataset(request.dataset()).schema().toArrow();
            checkShape(stored, enforcer.spec(), manifest);
            Dataset dataset = snapshot.rows(request.dataset(), request.rows());
            source = dataset.open();
            Schema seen = view.schema(stored);
            List<org.apache.arrow.vector.types.pojo.Field> out = new ArrayList<>();
            columns.forEach(c -> out.add(seen.findField(c)));
            ReadPlan plan = new ReadPlan(request, columns, new Schema(out), offset, fingerprint, maxSortRows,
                    batchSize);
            List<String> masked = columns.stream().filter(view.maskedColumns()::contains).toList();
            ReadResult[] result = new ReadResult[1];
            result[0] = new ReadResult(pin, source, dataset, view, plan, new ExpressionEvaluator(principal), allocator,
                    decision -> record(principal, request, manifest.id(), decision, columns, masked,
                            result[0].rowsReturned()));
            return result[0];
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            pin.close();
            throw e;
        }
    }

    /**
     * A snapshot written under another definition of the dataset (a column since added or retyped)
     * cannot be read through the current policy: refuse it rather than guess.
     */
    private void checkShape(Schema stored, DatasetSpec spec, SnapshotManifest manifest) {
        for (org.apache.arrow.vector.types.pojo.Field f : spec.schema().toArrow().getFields()) {
            org.apache.arrow.vector.types.pojo.Field s = stored.getFields().stream()
                    .filter(x -> x.getName().equals(f.getName())).findFirst().orElse(null);
            if (s == null || !s.getType().equals(f.getType())) {
                throw new DataProductException("snapshot " + manifest.id() + " of " + product + " holds dataset '"
                        + spec.name() + "' as written by product version " + manifest.productVersion()
                        + ", whose columns differ from the current definition; read a snapshot of this version");
            }
        }
    }

    private SnapshotManifest resolve(SnapshotSelector selector) {
        if (selector instanceof SnapshotSelector.Current) {
            return store.current(product).orElseThrow(() -> new DataProductException(product
                    + " has no committed snapshot yet; run the product first"));
        }
        if (selector instanceof SnapshotSelector.ById byId) {
            // staged snapshots too: a staged snapshot is read by id for its audit
            return store.find(product, byId.id())
                    .orElseThrow(() -> new DataProductException(product + " has no snapshot '" + byId.id()
                            + "' (never committed, or removed by retention); read the current one"));
        }
        if (selector instanceof SnapshotSelector.Tagged tagged) {
            String id = store.tags(product).get(tagged.tag());
            if (id == null) {
                throw new DataProductException(product + " has no tag '" + tagged.tag() + "'; its tags are "
                        + store.tags(product).keySet());
            }
            return resolve(SnapshotSelector.id(id));
        }
        List<SnapshotManifest> history = store.history(product);
        SnapshotSelector.AsOf asOf = (SnapshotSelector.AsOf) selector;
        SnapshotManifest at = null;
        for (SnapshotManifest m : history) {
            if (!m.committedAt().isAfter(asOf.instant())) {
                at = m;
            }
        }
        if (at == null) {
            throw new DataProductException(product + " had no snapshot at " + asOf.instant()
                    + (history.isEmpty() ? "" : "; its first was committed at " + history.get(0).committedAt()));
        }
        return at;
    }

    /** The columns returned; refuses a request naming a column the principal cannot see. */
    private static List<String> check(ReadRequest request, AccessView view, DatasetSpec spec) {
        Set<String> visible = new LinkedHashSet<>(view.columns());
        Set<String> named = new LinkedHashSet<>(request.columns());
        request.filter().ifPresent(f -> named.addAll(f.columns()));
        request.order().forEach(k -> named.add(k.column()));
        for (String c : named) {
            if (!visible.contains(c)) {
                // the same words whether the column is hidden or absent: no oracle
                throw new InvalidRequestException("dataset '" + request.dataset() + "' has no column '" + c
                        + "' you can read; columns you can read are " + visible);
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (SortKey k : request.order()) {
            if (!keys.add(k.column())) {
                throw new InvalidRequestException("the order names column '" + k.column() + "' twice");
            }
            LogicalType type = spec.schema().field(k.column()).orElseThrow().type();
            if (type instanceof LogicalType.ArrayType || type instanceof LogicalType.StructType) {
                throw new InvalidRequestException("column '" + k.column() + "' is a " + type.odcsLogicalType()
                        + " and cannot be ordered by; order by a column of a simple type");
            }
        }
        return request.columns().isEmpty() ? List.copyOf(visible) : List.copyOf(new LinkedHashSet<>(request.columns()));
    }

    private void record(Principal principal, ReadRequest request, String snapshot, AuditRecord.Decision decision,
                        List<String> columns, List<String> masked, long rows) {
        audit.record(new AuditRecord(clock.instant(), principal.id(), served.urn(), product.urn(), request.dataset(),
                snapshot, request.port(), decision, columns, masked, rows));
    }

    /** Builds a {@link ProductReader}. */
    public static final class Builder {
        private final SnapshotStore store;
        private ProductAddress product;
        private ProductAddress served;
        private final Map<String, DatasetSpec> specs = new LinkedHashMap<>();
        private final Map<String, Policy> policies = new LinkedHashMap<>();
        private BufferAllocator allocator;
        private AuditSink audit = AuditSink.discard();
        private MaskKeys keys = MaskKeys.none();
        private Clock clock = Clock.systemUTC();
        private long maxSortRows = 1_000_000;
        private int batchSize = 4096;
        private AgreementRegistry agreements;

        private Builder(SnapshotStore store, ProductAddress product) {
            this.store = Objects.requireNonNull(store, "store");
            this.product = Objects.requireNonNull(product, "product");
            this.served = product;
        }

        /**
         * Reads every output dataset of a product under the product's policies. For a restricted
         * product read at its own address, the reader reads its source's snapshots.
         *
         * @param value the product
         * @return this builder
         */
        public Builder datasets(DataProduct value) {
            if (value.restrictedSource().isPresent() && product.equals(value.address())) {
                // a restricted product has no snapshots of its own: read its source's, audit as itself
                served = value.address();
                product = value.restrictedSource().get().address();
            }
            for (DatasetSpec d : value.outputs()) {
                // a restricted product's policy is enforced over the source's dataset as stored
                DatasetSpec stored = value.restrictedSource().flatMap(s -> s.output(d.name())).orElse(d);
                dataset(stored, value.policy(d.name()).orElse(null));
            }
            return this;
        }

        /**
         * Reads one dataset under a policy; how a restricted product reads its source.
         *
         * @param spec the dataset's definition
         * @param policy its policy; {@code null} denies everyone
         * @return this builder
         */
        public Builder dataset(DatasetSpec spec, Policy policy) {
            specs.put(spec.name(), spec);
            if (policy == null) {
                policies.remove(spec.name());
            } else {
                policies.put(spec.name(), policy);
            }
            return this;
        }

        /** @param value where batches read come from; the reader does not close it @return this builder */
        public Builder allocator(BufferAllocator value) {
            this.allocator = Objects.requireNonNull(value, "allocator");
            return this;
        }

        /** @param value where audit records go; by default nowhere @return this builder */
        public Builder audit(AuditSink value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * @param name the name keyed-hash masks refer to
         * @param key the secret, at least 16 bytes
         * @return this builder
         */
        public Builder hashKey(String name, byte[] key) {
            this.keys = keys.with(name, key);
            return this;
        }

        /**
         * @param value the sharing agreements of the product's consumers; a consumer with a running
         *     agreement for a dataset also reads under the agreement's grant
         * @return this builder
         */
        public Builder agreements(AgreementRegistry value) {
            this.agreements = Objects.requireNonNull(value, "agreements");
            return this;
        }

        /** @param value the clock of audit times and agreement expiry @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param rows the most rows an ordered read without a limit may hold to sort (1,000,000 by
         *     default); a read over more is refused
         * @return this builder
         */
        public Builder maxSortRows(long rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("maxSortRows must be 1 or more");
            }
            this.maxSortRows = rows;
            return this;
        }

        /** @param rows rows per batch of an ordered read (4096 by default) @return this builder */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batchSize must be 1 or more");
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * @return the reader
         * @throws dev.dataproduct.api.error.InvalidDefinitionException if a policy does not fit its dataset
         * @throws DataProductException if a keyed-hash mask has no key
         */
        public ProductReader build() {
            Map<String, AccessEnforcer> enforcers = new LinkedHashMap<>();
            specs.forEach((name, spec) -> enforcers.put(name, AccessEnforcer.of(product.urn(), spec,
                    Optional.ofNullable(policies.get(name)), keys)));
            return new ProductReader(this, enforcers);
        }
    }
}

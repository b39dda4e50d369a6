package dev.dataproduct.core.runtime;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.join.Composite;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.core.compose.ProductInputs;
import dev.dataproduct.core.compose.UpstreamProducts;
import dev.dataproduct.core.contract.ContractGate;
import dev.dataproduct.core.expr.Selection;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.join.CompositeJoin;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.history.MetricsHistory;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.registry.ContractLifecycle;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import dev.dataproduct.core.snapshot.WriteMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs data products: reads the inputs, runs the transforms, checks every output row against the
 * contract, quarantines the rows that fail with their reasons, commits the rest as a new immutable
 * snapshot, and hands the snapshot to the delivery ports, each as its audience may read it.
 *
 * <pre>{@code
 * try (ProductRuntime runtime = ProductRuntime.builder()
 *         .store(DirectorySnapshotStore.at(Path.of("snapshots")))
 *         .build()) {
 *     RunResult result = runtime.run(product);
 *     System.out.println(result.summary());
 * }
 * }</pre>
 *
 * <p>Each run works in a child allocator of the runtime's allocator and closes it at the end, so
 * a leak in a port or transform fails the run. A runtime may run products one after another; it is
 * not meant to run several at once.
 *
 * <p>Delivery: after the commit, each {@link OutputPort} is handed the snapshot as its
 * {@linkplain OutputPort#audience() audience} may read it, every dataset read through the product's
 * read path ({@link dev.dataproduct.core.read.ProductReader}) under the product's policies; a
 * dataset the audience may not read is withheld, and a port whose audience may read none fails. A
 * port's failure never undoes the commit: it is an outcome in {@link RunResult#deliveries()}, and
 * {@link #redeliver} retries it. For a port declared with {@code serveRequired}, the run fails:
 * its result is {@link RunResult.Status#FAILED} and {@link #run} throws {@link DeliveryException}
 * carrying it, while the snapshot stays committed and current.
 */
public final class ProductRuntime implements AutoCloseable {
    /** How many quarantined rows a {@link RunResult} keeps as a sample. */
    public static final int SAMPLE_SIZE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ProductRuntime.class);

    private final BufferAllocator allocator;
    private final boolean ownsAllocator;
    private final SnapshotStore store;
    private final Clock clock;
    private final Optional<ContractRegistry> contracts;
    private final Optional<MetricsHistory> history;
    private final QualityStep.Gauges gauges;
    private final List<RunObserver> observers;
    private final Map<OutputPort, BufferAllocator> openPorts = new IdentityHashMap<>();
    private final Consumer<ProductReader.Builder> deliveryReads;

    private ProductRuntime(Builder b) {
        ArrowMemory.requireUsable();
        this.ownsAllocator = b.allocator == null;
        this.allocator = ownsAllocator ? ArrowMemory.rootAllocator() : b.allocator;
        this.store = b.store == null ? new InMemorySnapshotStore() : b.store;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.contracts = Optional.ofNullable(b.contracts);
        this.history = Optional.ofNullable(b.history);
        MeterRegistry meters = b.meters == null ? new CompositeMeterRegistry() : b.meters;
        this.gauges = new QualityStep.Gauges(meters);
        List<RunObserver> all = new ArrayList<>();
        all.add(new RunMeters(meters, clock));
        all.addAll(b.observers);
        this.observers = List.copyOf(all);
        this.deliveryReads = b.deliveryReads;
    }

    /** @return a builder with an in-memory store, the system clock and an allocator of its own */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the store the runtime commits snapshots to */
    public SnapshotStore store() {
        return store;
    }

    /**
     * Runs a product once.
     *
     * @param product the product
     * @return what happened: the snapshot, the row counts, the quarantine reasons
     * @throws DataProductException if a transform fails or emits batches that cannot be checked
     *     (a missing column), or if a port or the store fails; nothing is committed then, and the
     *     previous snapshot stays current; and for a restricted product, which is never run
     * @throws QuarantineLimitException if a dataset quarantined more of its rows than its
     *     {@link DatasetSpec#maxQuarantinedShare() limit}; nothing is committed
     * @throws QualityGateException if an error-severity quality check fails; nothing is committed
     * @throws dev.dataproduct.api.error.IncompatibleChangeException if the runtime has a contract
     *     registry and the product's contract breaks the previous version without a new major
     *     version; the run does no work then
     * @throws RunRefusedException if the product reads another product through a
     *     {@link ProductInput}: this run is given no products to read; use
     *     {@link #run(DataProduct, UpstreamProducts)}
     * @throws DeliveryException if a delivery port the product declared required failed; the
     *     snapshot is committed and current all the same, and observers were told the run completed
     */
    public RunResult run(DataProduct product) {
        return run(product, UpstreamProducts.none());
    }

    /**
     * Runs a product that may read other products through {@link ProductInput}s. Before any work,
     * each product input is resolved among {@code upstreams}, its consumer expectations are
     * checked against the upstream's contract, the upstream's policy must let the product's
     * {@linkplain DataProduct#principal() principal} read the dataset, and the snapshot read is
     * chosen (the pinned one, or the upstream's current one). The run then reads that snapshot
     * through the upstream's read path, as the product's principal, and the committed manifest
     * records it ({@link SnapshotManifest#upstreamSnapshots()}).
     *
     * @param product the product
     * @param upstreams the products its inputs may read
     * @return what happened
     * @throws RunRefusedException if a product input cannot be read, with every reason; nothing is
     *     read or committed
     * @throws DataProductException for the other failures of {@link #run(DataProduct)}
     */
    public RunResult run(DataProduct product, UpstreamProducts upstreams) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(upstreams, "upstreams");
        if (product.restrictedSource().isPresent()) {
            // a restricted product is a view: running it would write the copy it exists to avoid
            throw new DataProductException("product " + product.address() + " is restricted: it stores no data and "
                    + "is not run; run " + product.restrictedSource().get().address() + " and read this one with "
                    + "ProductReader.builder(store, product)");
        }
        Instant startedAt = clock.instant();
        RunStart run = new RunStart(RunIds.at(startedAt), product, startedAt, store);
        Optional<DataContract> contract;
        ProductInputs productInputs;
        try {
            contract = contracts.map(registry -> checkContract(registry, product));
            productInputs = ProductInputs.prepare(product, upstreams);
        } catch (RuntimeException e) {
            tell(o -> o.aborted(run, e));
            throw e;
        }
        tell(o -> o.started(run));
        RunResult result;
        try (productInputs) {
            result = execute(product, contract, startedAt, productInputs);
        } catch (RuntimeException e) {
            tell(o -> o.failed(run, e));
            throw e;
        }
        tell(o -> o.completed(run, result));
        if (result.status() == RunResult.Status.FAILED) {
            throw new DeliveryException(result);
        }
        return result;
    }

    /**
     * Delivers a committed snapshot again to one delivery port of a product, as the port's audience
     * may read it: the retry of a failed delivery, or a replay. The port is opened first if it is
     * not open.
     *
     * <pre>{@code
     * PortOutcome again = runtime.redeliver(product, result.snapshot().id(), "finance-files");
     * }</pre>
     *
     * @param product the product
     * @param snapshotId the id of one of its committed snapshots
     * @param portName the name of one of its delivery ports
     * @return what the port did; a failure is an outcome here, also for a required port
     * @throws IllegalArgumentException if the product has no delivery port of that name
     * @throws DataProductException if the store has no such snapshot of the product (never
     *     committed, or removed by retention)
     */
    public PortOutcome redeliver(DataProduct product, String snapshotId, String portName) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(portName, "portName");
        OutputPort port = product.outputPorts().stream().filter(p -> p.descriptor().name().equals(portName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(product.address() + " has no delivery "
                        + "port '" + portName + "'; its ports are " + product.outputPorts().stream()
                        .map(p -> p.descriptor().name()).toList()));
        SnapshotManifest manifest = store.history(product.address()).stream().filter(m -> m.id().equals(snapshotId))
                .findFirst().orElseThrow(() -> new DataProductException(product.address() + " has no committed "
                        + "snapshot '" + snapshotId + "' (never committed, or removed by retention); redeliver one "
                        + "of " + store.history(product.address()).stream().map(SnapshotManifest::id).toList()));
        try (BufferAllocator delivery = allocator.newChildAllocator("redelivery " + product.address().urn(), 0,
                Long.MAX_VALUE)) {
            return deliver(product, manifest, port, new Delivery(store, delivery, clock, deliveryReads));
        }
    }

    /** Calls every observer; one that throws is logged, so it cannot fail the run or starve the others. */
    private void tell(java.util.function.Consumer<RunObserver> call) {
        for (RunObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("run observer {} failed: {}", o, e.toString());
            }
        }
    }

    private RunResult execute(DataProduct product, Optional<DataContract> contract, Instant startedAt,
                              ProductInputs productInputs) {
        ProductAddress address = product.address();
        QualityStep quality = new QualityStep(product);
        List<QualityReport> reports;
        long start = System.nanoTime();
        RunTally tally = new RunTally(SAMPLE_SIZE);
        List<DatasetStats> datasetStats = new ArrayList<>();
        Map<String, TrackedInput> inputs = new LinkedHashMap<>();
        SnapshotManifest manifest;
        try (BufferAllocator runAllocator = allocator.newChildAllocator("run " + address.urn(), 0, Long.MAX_VALUE)) {
            try (SnapshotTransaction tx = store.begin(address, runAllocator)) {
                quality.start(store, address, runAllocator);
                List<QuarantineLog> logs = new ArrayList<>();
                Map<String, Map<String, String>> committedPositions = store.current(address)
                        .map(SnapshotManifest::inputPositions).orElse(Map.of());
                try {
                    for (InputPort port : product.inputs()) {
                        String name = port.descriptor().name();
                        TrackedInput input = new TrackedInput(name);
                        Dataset dataset = port instanceof ProductInput p ? productInputs.open(p, product.principal())
                                : openInput(address, port, new InputContext(runAllocator, clock, input,
                                        committedPositions.getOrDefault(name, Map.of())));
                        QuarantineLog log = new QuarantineLog("input." + name, dataset.schema().fieldNames(), tx,
                                runAllocator, tally);
                        logs.add(log);
                        input.bind(dataset, log);
                        inputs.put(name, input);
                    }
                    for (TransformSpec spec : product.transforms()) {
                        DatasetSpec output = product.output(spec.output()).orElseThrow();
                        QuarantineLog log = new QuarantineLog(output.name(), output.schema().fieldNames(), tx,
                                runAllocator, tally);
                        logs.add(log);
                        DatasetStats stats = runTransform(product, spec, output, inputs, tx, log, runAllocator, quality);
                        datasetStats.add(stats);
                        checkQuarantineLimit(address, spec, output, stats, log, inputs);
                    }
                    reports = quality.judge(clock, new LinkedHashMap<>(inputs), history);
                    if (!QualityStep.passed(reports)) {
                        throw new QualityGateException(address.urn(), reports);
                    }
                    tx.inputPositions(positions(product));
                } finally {
                    closeInputs(product);
                }
                logs.forEach(QuarantineLog::flush);
                quality.save(tx);
                manifest = tx.commit(product.metadata().version().toString(), clock.instant(),
                        productInputs.snapshots());
            }
            contract.ifPresent(c -> contracts.get().publish(c));
            quality.record(reports, clock, history, gauges);
            List<PortOutcome> deliveries = deliverAll(product, manifest, runAllocator);
            List<InputStats> inputStats = new ArrayList<>();
            inputs.values().forEach(i -> inputStats.add(new InputStats(i.name(), i.rowsRead(), i.rejected())));
            RunResult result = new RunResult(address.urn(), product.metadata().version().toString(), manifest.info(),
                    store.location(manifest), startedAt, Duration.ofNanos(System.nanoTime() - start), datasetStats,
                    inputStats, tally.reasons(), tally.samples(), deliveries, reports);
            LOG.info("{}: snapshot {} committed, {} rows in, {} published, {} quarantined", address.urn(),
                    manifest.id(), result.rowsIn(), result.published(), result.quarantined());
            return result;
        }
    }

    /** Opens an input port; a failure that is not the SDK's own gets the port and product named. */
    private static Dataset openInput(ProductAddress address, InputPort port, InputContext context) {
        try {
            return port.open(context);
        } catch (DataProductException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new dev.dataproduct.api.error.PortException("input port '" + port.descriptor().name() + "' of "
                    + address.urn() + " failed to open: " + e + "; nothing was committed", e);
        }
    }

    /** Refuses, before any work, a run whose contract version breaks its predecessor or is retired. */
    private static DataContract checkContract(ContractRegistry registry, DataProduct product) {
        DataContract contract = product.contract();
        registry.check(contract);
        boolean published = registry.versions(contract.id()).stream().anyMatch(c -> c.version().equals(contract.version()));
        if (published) {
            ContractLifecycle.State state = registry.stateToday(contract.id(), contract.version());
            String successor = registry.lifecycle(contract.id(), contract.version()).successor();
            if (state == ContractLifecycle.State.RETIRED) {
                throw new DataProductException(product.address() + " publishes under contract '" + contract.id()
                        + "' version " + contract.version() + ", which is retired; move the product to version "
                        + successor);
            }
            if (state == ContractLifecycle.State.DEPRECATED) {
                LOG.warn("{} publishes under contract '{}' version {}, which is deprecated; move to version {}",
                        product.address(), contract.id(), contract.version(), successor);
            }
        }
        return contract;
    }

    private DatasetStats runTransform(DataProduct product, TransformSpec spec, DatasetSpec output,
                                      Map<String, TrackedInput> inputs, SnapshotTransaction tx, QuarantineLog log,
                                      BufferAllocator runAllocator, QualityStep quality) {
        ContractGate gate = new ContractGate(output, product.address().urn());
        ArrowIpcWriter writer = tx.dataset(output.name(), output.schema().toArrow(), writeMode(output));
        Optional<String> deleteMarker = output.updateMode().deleteMarker();
        boolean keyedAppend = output.updateMode().kind() == dev.dataproduct.api.schema.UpdateMode.Kind.APPEND
                && !output.schema().primaryKey().isEmpty();
        Optional<dev.dataproduct.api.schema.UpdateMode.Events> events = output.updateMode().events();
        Instant runStart = clock.instant();
        // rows into the gate, published, batches, rows the builders quarantined, duplicate events dropped
        long[] counts = new long[5];
        EvaluationContext holdContext = new EvaluationContext(clock, new LinkedHashMap<>(inputs), Map.of());
        BatchSink sink = batch -> {
            long batchIndex = counts[2]++;
            try (ContractGate.Outcome outcome = gate.check(batch, runAllocator, batchIndex)) {
                VectorSchemaRoot conforming = outcome.conforming();
                for (RejectedRow r : outcome.rejected()) {
                    if (events.isPresent() && duplicateOnly(r)) {
                        counts[4]++;  // an event the run already had: immutable, so the first stands
                    } else {
                        log.add(r);
                    }
                }
                counts[0] += batch.getRowCount();
                Map<Integer, List<Check>> held = new LinkedHashMap<>(quality.hold(output.name(), conforming,
                        holdContext));
                // rows marked deleted are applied as deletes of their keys: counted, not published
                Set<Integer> deletes = deleteMarker.map(m -> deletes(tx, output, m, conforming, held.keySet()))
                        .orElse(Set.of());
                counts[1] += deletes.size();
                Set<Integer> present = keyedAppend ? present(tx, output, conforming, held.keySet()) : Set.of();
                // an event the product has is a duplicate however old: a source that sends it again
                // (a replay) changes nothing, so it is dropped before its lateness is judged
                Set<Integer> judged = new java.util.HashSet<>(held.keySet());
                judged.addAll(present);
                Set<Integer> late = events.map(e -> late(e, runStart, conforming, judged)).orElse(Set.of());
                if (held.isEmpty() && deletes.isEmpty() && present.isEmpty() && late.isEmpty()) {
                    writer.write(conforming);
                    quality.update(output.name(), conforming);
                    counts[1] += conforming.getRowCount();
                    return;
                }
                Set<Integer> out = new java.util.HashSet<>(held.keySet());
                out.addAll(deletes);
                out.addAll(present);
                out.addAll(late);
                Selection keep = Selection.allBut(out, conforming.getRowCount());
                try (VectorSchemaRoot kept = keep.copyRows(conforming, conforming.getSchema(), runAllocator)) {
                    writer.write(kept);
                    quality.update(output.name(), kept);
                    counts[1] += kept.getRowCount();
                }
                held.forEach((row, checks) -> log.add(heldRow(output.name(), batchIndex, row, checks, conforming)));
                late.stream().sorted().forEach(row -> log.add(lateRow(output, events.get(), runStart, batchIndex, row,
                        conforming)));
                if (events.isPresent()) {
                    counts[4] += present.size();  // events the product already has: dropped, not quarantined
                } else {
                    present.stream().sorted().forEach(row -> log.add(presentKeyRow(output, batchIndex, row,
                            conforming)));
                }
            }
        };
        RejectSink built = row -> {
            counts[3]++;
            log.add(row);
        };
        RunTransformContext context = new RunTransformContext(spec, output, inputs, runAllocator, clock, built,
                product.address().urn());
        try {
            spec.transform().apply(context, sink);
        } catch (DataProductException e) {
            throw e;
        } catch (Exception e) {
            throw new DataProductException("the transform of dataset '" + output.name() + "' of " + product.address()
                    + " failed: " + e + "; nothing was committed", e);
        } finally {
            context.closeJoins();
        }
        return new DatasetStats(output.name(), counts[0] + counts[3], counts[1], log.rows(), context.joinReports(),
                counts[4]);
    }

    /** Whether the gate rejected a row only because an earlier row of the run had its key. */
    private static boolean duplicateOnly(RejectedRow row) {
        return row.violations().stream().allMatch(v -> v.rule().equals("primary_key"));
    }

    /** The rows (not already held) whose event time is more than the allowed lateness before the run. */
    private static Set<Integer> late(dev.dataproduct.api.schema.UpdateMode.Events events, Instant runStart,
                                     VectorSchemaRoot rows, Set<Integer> held) {
        Instant oldest = runStart.minus(events.allowedLateness());
        org.apache.arrow.vector.FieldVector time = rows.getVector(events.eventTime());
        Set<Integer> out = new java.util.HashSet<>();
        for (int r = 0; r < rows.getRowCount(); r++) {
            Object v = dev.dataproduct.api.data.VectorValues.get(time, r);
            Instant at = v instanceof Instant i ? i : v instanceof java.time.LocalDateTime t
                    ? t.toInstant(java.time.ZoneOffset.UTC) : null;
            if (!held.contains(r) && at != null && at.isBefore(oldest)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A late event; the message gives the limit, not the event's values. */
    private static RejectedRow lateRow(DatasetSpec output, dev.dataproduct.api.schema.UpdateMode.Events events,
                                       Instant runStart, long batchIndex, int row, VectorSchemaRoot rows) {
        return new RejectedRow(output.name(), "batch " + batchIndex + ", row " + row + " after the contract",
                List.of(new Violation(events.eventTime(), "late", "the event happened before " + runStart.minus(
                        events.allowedLateness()) + ", more than the allowed lateness of " + events.allowedLateness()
                        + " before the run at " + runStart + "; it is quarantined, not published")),
                RejectedRow.valuesOf(rows, row));
    }

    /** How the store writes a dataset, from the update mode the product declares for it. */
    private static WriteMode writeMode(DatasetSpec output) {
        List<String> key = output.schema().primaryKey().stream().map(dev.dataproduct.api.schema.Field::name).toList();
        return switch (output.updateMode().kind()) {
            case REPLACE -> WriteMode.replace();
            case APPEND -> WriteMode.append(key.toArray(String[]::new));
            case UPSERT -> new WriteMode.Upsert(key);
        };
    }

    /**
     * Deletes the keys of the rows whose delete marker is true (rows held back by checks are
     * quarantined instead) and returns those rows.
     */
    private static Set<Integer> deletes(SnapshotTransaction tx, DatasetSpec output, String marker,
                                        VectorSchemaRoot rows, Set<Integer> held) {
        org.apache.arrow.vector.BitVector flags = (org.apache.arrow.vector.BitVector) rows.getVector(marker);
        List<String> key = output.schema().primaryKey().stream().map(dev.dataproduct.api.schema.Field::name).toList();
        Set<Integer> out = new java.util.HashSet<>();
        for (int r = 0; r < rows.getRowCount(); r++) {
            if (!held.contains(r) && !flags.isNull(r) && flags.get(r) == 1) {
                int row = r;
                tx.delete(output.name(), key.stream().map(k -> rows.getVector(k).getObject(row)).toList());
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Fails the run before its commit if a dataset quarantined more of its rows than its limit allows.
     * The rows an input could not read are rows of the run too: they count, as rows and as
     * quarantined rows, for every dataset whose transform reads that input.
     */
    private static void checkQuarantineLimit(ProductAddress address, TransformSpec spec, DatasetSpec output,
                                             DatasetStats stats, QuarantineLog log, Map<String, TrackedInput> inputs) {
        long rows = stats.rowsIn();
        long quarantined = stats.quarantined();
        Map<String, Long> reasons = new java.util.HashMap<>(log.reasons());
        for (String name : spec.inputs()) {
            TrackedInput input = inputs.get(name);
            rows += input.rejected();
            quarantined += input.rejected();
            input.reasons().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
        }
        if (!QuarantineLimitException.within(rows, quarantined, output.maxQuarantinedShare())) {
            throw new QuarantineLimitException(address.urn(), output.name(), rows, quarantined,
                    output.maxQuarantinedShare(), RunTally.mostFrequentFirst(reasons));
        }
    }

    /**
     * The rows of an appended batch whose primary key the current snapshot already has (found in
     * its key indexes, not its rows): an append adds new keys only. Rows held back by checks are
     * quarantined for those instead.
     */
    private static Set<Integer> present(SnapshotTransaction tx, DatasetSpec output, VectorSchemaRoot rows,
                                        Set<Integer> held) {
        java.util.BitSet found = tx.presentKeys(output.name(), rows);
        Set<Integer> out = new java.util.HashSet<>();
        for (int r = found.nextSetBit(0); r >= 0; r = found.nextSetBit(r + 1)) {
            if (!held.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A row of an append whose key is already in the snapshot; the message names the key's columns, not its values. */
    private static RejectedRow presentKeyRow(DatasetSpec output, long batchIndex, int row, VectorSchemaRoot rows) {
        String key = String.join(", ", output.schema().primaryKey().stream()
                .map(dev.dataproduct.api.schema.Field::name).toList());
        return new RejectedRow(output.name(), "batch " + batchIndex + ", row " + row + " after the contract",
                List.of(new Violation(key, "primary key unique across runs", "the key (" + key + ") is already in "
                        + "the current snapshot, written by an earlier run; an append adds new keys only: declare "
                        + "UpdateMode.upsert() to replace rows by key")), RejectedRow.valuesOf(rows, row));
    }

    /** A row held back by checks that quarantine their failing rows, with one violation per check. */
    private static RejectedRow heldRow(String dataset, long batchIndex, int row, List<Check> checks,
                                       VectorSchemaRoot rows) {
        List<Violation> violations = new ArrayList<>();
        for (Check c : checks) {
            violations.add(new Violation(String.join(", ", c.metric().columns()), "quality check '" + c.name() + "'",
                    c.description().isEmpty() ? "fails " + c.metric().describe() : c.description()));
        }
        return new RejectedRow(dataset, "batch " + batchIndex + ", row " + row + " after the contract", violations,
                RejectedRow.valuesOf(rows, row));
    }

    /** Where the read of each input with positions ended, for the manifest: the next run reads on from there. */
    private static Map<String, Map<String, String>> positions(DataProduct product) {
        Map<String, Map<String, String>> positions = new LinkedHashMap<>();
        for (InputPort port : product.inputs()) {
            Map<String, String> p = port instanceof ProductInput ? Map.of() : port.position();
            if (!p.isEmpty()) {
                positions.put(port.descriptor().name(), p);
            }
        }
        return positions;
    }

    private static void closeInputs(DataProduct product) {
        for (InputPort port : product.inputs()) {
            try {
                port.close();
            } catch (RuntimeException e) {
                LOG.warn("input '{}' of {} failed to close: {}", port.descriptor().name(), product.address(),
                        e.toString());
            }
        }
    }

    private List<PortOutcome> deliverAll(DataProduct product, SnapshotManifest manifest, BufferAllocator runAllocator) {
        Delivery delivery = new Delivery(store, runAllocator, clock, deliveryReads);
        List<PortOutcome> outcomes = new ArrayList<>();
        for (OutputPort port : product.outputPorts()) {
            outcomes.add(deliver(product, manifest, port, delivery));
        }
        return outcomes;
    }

    /** Opens the port on its first delivery, then delivers; a port that cannot open is a failed delivery. */
    private PortOutcome deliver(DataProduct product, SnapshotManifest manifest, OutputPort port, Delivery delivery) {
        String name = port.descriptor().name();
        try {
            synchronized (openPorts) {
                if (!openPorts.containsKey(port)) {
                    BufferAllocator portAllocator = allocator.newChildAllocator("port " + name, 0, Long.MAX_VALUE);
                    try {
                        port.open(new OutputContext(product.address().urn(), portAllocator, clock,
                                Optional.of(product.contract())));
                    } catch (RuntimeException e) {
                        portAllocator.close(); // not opened: the next delivery tries again with a new one
                        throw e;
                    }
                    openPorts.put(port, portAllocator);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("delivery port '{}' of {} failed to open: {}", name, product.address(), e.toString());
            String audience;
            try {
                audience = port.audience().id();
            } catch (RuntimeException ignored) {
                audience = "?";
            }
            return new PortOutcome(name, product.requiredPorts().contains(name), audience, PortOutcome.Status.FAILED,
                    List.of(), List.of(), Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return delivery.deliver(product, manifest, port);
    }

    /** Closes the output ports opened by runs, then the allocator if the runtime created it. */
    @Override
    public void close() {
        synchronized (openPorts) {
            for (Map.Entry<OutputPort, BufferAllocator> e : openPorts.entrySet()) {
                try {
                    e.getKey().close();
                } catch (RuntimeException ex) {
                    LOG.warn("output port '{}' failed to close: {}", e.getKey().descriptor().name(), ex.toString());
                }
                e.getValue().close();
            }
            openPorts.clear();
        }
        if (ownsAllocator) {
            allocator.close();
        }
    }

    /** Builds a {@link ProductRuntime}. */
    public static final class Builder {
        private BufferAllocator allocator;
        private SnapshotStore store;
        private Clock clock;
        private ContractRegistry contracts;
        private MetricsHistory history;
        private MeterRegistry meters;
        private final List<RunObserver> observers = new ArrayList<>();
        private Consumer<ProductReader.Builder> deliveryReads = b -> { };

        private Builder() {
        }

        /**
         * Settings of the read path the delivery ports read through: where its audit records go, the
         * keys of keyed-hash masks, sharing agreements. The runtime sets the store, the product, the
         * allocator and the clock.
         *
         * <pre>{@code
         * ProductRuntime.builder().deliveryReads(r -> r.audit(audit).hashKey("pii", key))
         * }</pre>
         *
         * @param settings applied to the reader of every delivery; by default none (no audit)
         * @return this builder
         */
        public Builder deliveryReads(Consumer<ProductReader.Builder>
                                             settings) {
            this.deliveryReads = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Adds an observer of every run, such as a lineage emitter or a service level tracker. The
         * runtime's own meters (see {@link #meterRegistry}) are always observed first.
         *
         * @param value the observer
         * @return this builder
         */
        public Builder observer(RunObserver value) {
            observers.add(Objects.requireNonNull(value, "observer"));
            return this;
        }

        /**
         * @param value where each committed run's quality metrics are recorded, and where anomaly
         *     checks read the metrics of earlier runs; none by default
         * @return this builder
         */
        public Builder history(MetricsHistory value) {
            this.history = Objects.requireNonNull(value, "history");
            return this;
        }

        /**
         * @param value where the latest value of each quality metric
         *     ({@code dataproduct.quality.metric}) and the outcome of each check
         *     ({@code dataproduct.quality.check.outcome}: 0 pass, 1 warn, 2 fail) are published, tagged
         *     by product, dataset and check; and the run meters, tagged by product and dataset:
         *     {@code dataproduct.run.duration} (timer), {@code dataproduct.rows.in},
         *     {@code dataproduct.rows.published}, {@code dataproduct.rows.quarantined},
         *     {@code dataproduct.run.failures} (counters), {@code dataproduct.quarantine.share} and
         *     {@code dataproduct.snapshot.age} in seconds (gauges); nothing is recorded by default
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meters = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * Publishes each run's output contract to a registry: a run whose contract breaks the
         * previous version without a new major version, or whose contract version is retired, is
         * refused before any work, and a successful run publishes its contract version.
         *
         * @param value the registry; none by default
         * @return this builder
         */
        public Builder contracts(ContractRegistry value) {
            this.contracts = Objects.requireNonNull(value, "contracts");
            return this;
        }

        /**
         * @param value the allocator runs draw their memory from; the caller keeps ownership
         * @return this builder
         */
        public Builder allocator(BufferAllocator value) {
            this.allocator = Objects.requireNonNull(value, "allocator");
            return this;
        }

        /**
         * @param value where snapshots are committed; an in-memory store by default
         * @return this builder
         */
        public Builder store(SnapshotStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * @param value the clock for run and commit times; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @return the runtime
         * @throws DataProductException if the JVM lacks the option Arrow needs
         */
        public ProductRuntime build() {
            return new ProductRuntime(this);
        }
    }

    private static final class RunTransformContext implements TransformContext {
        private final TransformSpec spec;
        private final DatasetSpec output;
        private final Map<String, TrackedInput> inputs;
        private final BufferAllocator allocator;
        private final Clock clock;
        private final RejectSink built;
        private final String product;
        private final List<CompositeJoin> joins = new ArrayList<>();
        private final List<JoinReport> joinReports = new ArrayList<>();

        RunTransformContext(TransformSpec spec, DatasetSpec output, Map<String, TrackedInput> inputs,
                            BufferAllocator allocator, Clock clock, RejectSink built, String product) {
            this.spec = spec;
            this.output = output;
            this.inputs = inputs;
            this.allocator = allocator;
            this.clock = clock;
            this.built = built;
            this.product = product;
        }

        /** Rows of duplicated keys go to the run's quarantine, counted in its rows in. */
        @Override
        public Dataset join(Composite composite) {
            Map<String, Dataset> read = new LinkedHashMap<>();
            for (String name : composite.inputs()) {
                if (spec.inputs().contains(name)) {
                    read.put(name, inputs.get(name));
                }
            }
            CompositeJoin joined = CompositeJoin.run(composite, read, product, allocator, built);
            joins.add(joined);
            return joined.rows();
        }

        void closeJoins() {
            for (CompositeJoin j : joins) {
                joinReports.addAll(j.reports());
                j.close();
            }
            joins.clear();
        }

        List<JoinReport> joinReports() {
            return joinReports;
        }

        @Override
        public BatchBuilder batchBuilder() {
            return BatchBuilder.quarantining(output.schema(), allocator, output.name(), built);
        }

        @Override
        public Dataset input(String name) {
            if (!spec.inputs().contains(name)) {
                throw new IllegalArgumentException("the transform of '" + output.name() + "' did not declare input '"
                        + name + "'; it reads " + spec.inputs());
            }
            return inputs.get(name);
        }

        @Override
        public Set<String> inputNames() {
            return spec.inputs();
        }

        @Override
        public DatasetSpec output() {
            return output;
        }

        @Override
        public BufferAllocator allocator() {
            return allocator;
        }

        @Override
        public Clock clock() {
            return clock;
        }
    }

    @Override
    public String toString() {
        return "ProductRuntime[" + store.getClass().getSimpleName() + "]";
    }

}

package dev.dataproduct.core.host;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.audit.AuditSink;
import dev.dataproduct.core.compose.Mesh;
import dev.dataproduct.core.compose.MeshOutcome;
import dev.dataproduct.core.compose.UpstreamProduct;
import dev.dataproduct.core.compose.UpstreamProducts;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.slo.ReadRecorder;
import dev.dataproduct.core.snapshot.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds products, the store their snapshots live in, and the serving ports that answer reads for
 * them. One host serves many products on one port: each serving port is started once for all the
 * host's products.
 *
 * {@snippet :
 * try (ProductHost host = ProductHost.builder(runtime, allocator)
 *         .product(purchases)
 *         .serve(RestPort.builder().port(8080).authenticator(tokens).build())
 *         .build()) {
 *     host.run(purchases.address());
 *     host.start();
 *     // ... serve until stopped
 * }
 * }
 *
 * <p>Every read a port makes goes through the product's {@link ProductReader}, whose audit records
 * also feed {@link #consumers()} (distinct consumers per day).
 */
public final class ProductHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProductHost.class);

    private final ProductRuntime runtime;
    private final BufferAllocator allocator;
    private final Map<ProductAddress, HostedProduct> products;
    private final List<ServingPort> ports;
    private final MeterRegistry meters;
    private final ReadRecorder reads;
    private final Clock clock;
    private final ConsumerCounts consumers = new ConsumerCounts();
    private final Scheduler scheduler;
    private final Mesh mesh;
    private final UpstreamProducts upstreams;
    private boolean started;
    private boolean closed;

    private ProductHost(Builder b) {
        this.runtime = b.runtime;
        this.allocator = b.allocator.newChildAllocator("product-host", 0, b.allocator.getLimit());
        this.meters = b.meters;
        this.reads = b.reads;
        this.clock = b.clock;
        this.ports = List.copyOf(b.ports);
        AuditSink audit = b.audit;
        AuditSink both = r -> {
            consumers.record(r);
            audit.record(r);
        };
        Map<ProductAddress, HostedProduct> map = new LinkedHashMap<>();
        for (DataProduct p : b.products) {
            ProductReader reader = ProductReader.builder(runtime.store(), p.address())
                    .datasets(p)
                    .allocator(allocator)
                    .audit(both)
                    .clock(clock)
                    .batchSize(b.batchSize)
                    .build();
            map.put(p.address(), new HostedProduct(p, reader, this));
        }
        this.products = java.util.Collections.unmodifiableMap(map);
        this.scheduler = new Scheduler(this, b.scheduling);
        this.mesh = b.mesh;
        this.upstreams = UpstreamProducts.of(map.values().stream()
                .map(h -> new UpstreamProduct(h.product(), h.reader(), runtime.store())).toList());
    }

    /**
     * @param runtime the runtime that runs the products; its store is the one the host serves
     * @param allocator the allocator the host's reads take a child of
     * @return a builder
     */
    public static Builder builder(ProductRuntime runtime, BufferAllocator allocator) {
        return new Builder(runtime, allocator);
    }

    /** @return the products held, in the order they were added */
    public List<HostedProduct> products() {
        return List.copyOf(products.values());
    }

    /**
     * @param address a product address
     * @return the product held under that address, if any
     */
    public Optional<HostedProduct> product(ProductAddress address) {
        return Optional.ofNullable(products.get(address));
    }

    /** @return the allocator of the host's reads; serving ports take named children of it */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** @return the store the products' snapshots live in */
    public SnapshotStore store() {
        return runtime.store();
    }

    /** @return the registry ports record usage meters in (records nothing unless one was given) */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    /**
     * @return what serving ports tell of each read they answer or fail to answer, for the products'
     *     availability objectives ({@link ReadRecorder#NONE} unless one was given)
     */
    public ReadRecorder readRecorder() {
        return reads;
    }

    /** @return the clock of the host */
    public Clock clock() {
        return clock;
    }

    /** @return distinct consumers per product and day, from the audit of the host's reads */
    public ConsumerCounts consumers() {
        return consumers;
    }

    /** @return the serving ports of the host */
    public List<ServingPort> ports() {
        return ports;
    }

    /** @return the scheduler of the products that carry a schedule; it runs from {@link #start()} to {@link #close()} */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Runs one product and remembers the result as its latest run. Runs of one product never
     * overlap: the run holds the product's run lock, which the host's scheduler takes too, in this
     * process and, for a directory store, in every process over the same directory.
     *
     * @param address the product to run
     * @return the run result
     * @throws DataProductException if the host holds no such product, a run of it is already in
     *     progress, or the run fails
     */
    public RunResult run(ProductAddress address) {
        HostedProduct hosted = product(address).orElseThrow(() -> new DataProductException("this host holds no "
                + "product " + address + "; it holds " + products.keySet() + ", add it with builder().product(...)"));
        RunLocks.Attempt lock = RunLocks.tryLock(store(), address);
        if (!lock.acquired()) {
            throw new DataProductException("a run of " + address.urn() + " is already in progress in "
                    + lock.holder() + "; wait for it to end, or leave the runs to the host's schedule");
        }
        try (RunLocks.Held held = lock.held()) {
            return runLocked(hosted);
        }
    }

    /** Runs a product whose run lock the caller holds, and tells the scheduler of the new snapshot. */
    RunResult runLocked(HostedProduct hosted) {
        RunResult result = runtime.run(hosted.product(), upstreams);
        hosted.ran(result);
        scheduler.inputSnapshot(hosted.address().urn());
        return result;
    }

    /**
     * Runs every product, in dependency order ({@link Mesh#order()}: each product after the
     * products it reads, the others in the order they were added); restricted products, which are
     * views of another product and store nothing, are not run. The first failure stops it; see
     * {@link #runMesh()} to run on past failures.
     *
     * @return the run results in that order
     * @throws DataProductException if a run fails or is refused
     */
    public List<RunResult> runAll() {
        List<RunResult> out = new ArrayList<>();
        for (DataProduct p : mesh.order()) {
            if (p.restrictedSource().isEmpty()) {  // a restricted product is a view: not run
                out.add(run(p.address()));
            }
        }
        return out;
    }

    /**
     * Runs every product as a mesh ({@link Mesh#run}): in dependency order, a product whose input
     * did not commit skipped with the reason and left on its previous snapshot, a failed or refused
     * run reported without stopping the products that do not read it.
     *
     * @return one outcome per product, in run order
     */
    public List<MeshOutcome> runMesh() {
        // each run goes through run(address): the run lock, the host's record and the scheduler's triggers
        return mesh.run(p -> run(p.address()));
    }

    /** @return the products held as a mesh: run order and interaction map */
    public Mesh mesh() {
        return mesh;
    }

    /**
     * Starts every serving port, then the {@linkplain #scheduler() schedules} of the products that
     * carry one; a port that fails to start stops the ones already started.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("the host is " + (closed ? "closed" : "already started"));
        }
        List<ServingPort> up = new ArrayList<>();
        try {
            for (ServingPort port : ports) {
                port.start(this);
                up.add(port);
                LOG.info("serving port '{}' started at {}", port.descriptor().name(), port.descriptor().location());
            }
        } catch (RuntimeException e) {
            up.forEach(ServingPort::close);
            throw e;
        }
        started = true;
        scheduler.start();
    }

    /**
     * Stops the schedules (runs in progress end first), the serving ports, and releases the host's
     * memory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            scheduler.stop();
            ports.forEach(ServingPort::close);
        } finally {
            allocator.close();
        }
    }

    /** Builds a {@link ProductHost}. */
    public static final class Builder {
        private final ProductRuntime runtime;
        private final BufferAllocator allocator;
        private final List<DataProduct> products = new ArrayList<>();
        private final List<ServingPort> ports = new ArrayList<>();
        private AuditSink audit = AuditSink.discard();
        private MeterRegistry meters = new CompositeMeterRegistry();
        private ReadRecorder reads = ReadRecorder.NONE;
        private Clock clock = Clock.systemUTC();
        private int batchSize = 4096;
        private Scheduling scheduling = Scheduling.defaults();
        private Mesh mesh;

        private Builder(ProductRuntime runtime, BufferAllocator allocator) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            this.allocator = Objects.requireNonNull(allocator, "allocator");
        }

        /**
         * @param value a product to hold
         * @return this builder
         */
        public Builder product(DataProduct value) {
            products.add(Objects.requireNonNull(value, "product"));
            return this;
        }

        /**
         * @param values serving ports to start with the host
         * @return this builder
         */
        public Builder serve(ServingPort... values) {
            for (ServingPort p : values) {
                ports.add(Objects.requireNonNull(p, "port"));
            }
            return this;
        }

        /**
         * @param value where audit records of reads go, besides the host's consumer counts
         * @return this builder
         */
        public Builder audit(AuditSink value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * @param value the registry for usage meters
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meters = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * @param value where serving ports record each read's success, as the availability indicator of
         *     the products' objectives; usually the runtime's {@link dev.dataproduct.core.slo.ServiceLevels}
         * @return this builder
         */
        public Builder readRecorder(ReadRecorder value) {
            this.reads = Objects.requireNonNull(value, "readRecorder");
            return this;
        }

        /**
         * @param value the clock of reads and audit records
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value how the host runs the products' schedules: its timeline (a
         *     {@link VirtualTimeline} in tests), executor, listener and jitter seed
         * @return this builder
         */
        public Builder scheduling(Scheduling value) {
            this.scheduling = Objects.requireNonNull(value, "scheduling");
            return this;
        }

        /**
         * @param rows the most rows a read holds in one batch, which bounds a response's memory
         * @return this builder
         */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batchSize must be 1 or more, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * @return the host
         * @throws DataProductException if two products share an address
         * @throws dev.dataproduct.api.error.InvalidDefinitionException if the products do not form a
         *     mesh ({@link Mesh#of}): an input reads a product the host does not hold, products read
         *     each other in a cycle, an upstream does not meet a consumer's expectations, or a
         *     product promises more than its inputs give it
         */
        public ProductHost build() {
            List<String> problems = new ArrayList<>();
            java.util.Set<ProductAddress> seen = new java.util.HashSet<>();
            for (DataProduct p : products) {
                if (!seen.add(p.address())) {
                    problems.add("two products have the address " + p.address().urn()
                            + "; give each product its own domain, name or major version");
                }
            }
            if (!problems.isEmpty()) {
                throw new DataProductException("cannot build the product host: " + String.join("; ", problems));
            }
            mesh = Mesh.of(products);
            return new ProductHost(this);
        }
    }

}

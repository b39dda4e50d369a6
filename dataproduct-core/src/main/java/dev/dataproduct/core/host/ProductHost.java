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
    private final Clock clock;
    private final ConsumerCounts consumers = new ConsumerCounts();
    private final Mesh mesh;
    private final UpstreamProducts upstreams;
    private boolean started;
    private boolean closed;

    private ProductHost(Builder b) {
        this.runtime = b.runtime;
        this.allocator = b.allocator.newChildAllocator("product-host", 0, b.allocator.getLimit());
        this.meters = b.meters;
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

    /**
     * Runs one product and remembers the result as its latest run.
     *
     * @param address the product to run
     * @return the run result
     * @throws DataProductException if the host holds no such product, or the run fails
     */
    public RunResult run(ProductAddress address) {
        HostedProduct hosted = product(address).orElseThrow(() -> new DataProductException("this host holds no "
                + "product " + address + "; it holds " + products.keySet() + ", add it with builder().product(...)"));
        RunResult result = runtime.run(hosted.product(), upstreams);
        hosted.ran(result);
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
        List<MeshOutcome> outcomes = mesh.run(runtime, upstreams);
        outcomes.forEach(o -> o.result().ifPresent(r -> products.get(o.product()).ran(r)));
        return outcomes;
    }

    /** @return the products held as a mesh: run order and interaction map */
    public Mesh mesh() {
        return mesh;
    }

    /**
     * Starts every serving port; a port that fails to start stops the ones already started.
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
    }

    /** Stops the serving ports and releases the host's memory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
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
        private Clock clock = Clock.systemUTC();
        private int batchSize = 4096;
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
         * @param value the clock of reads and audit records
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
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

package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.quality.history.InMemoryMetricsHistory;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one product in a test, with no infrastructure: an in-memory snapshot store, a clock that
 * moves only when the test moves it, inputs fed by the test, and the committed data read back.
 *
 * <pre>{@code
 * try (var driver = ProductTestDriver.of(purchases).maxQuarantinedShare(1)) {
 *     driver.input("orders")
 *         .pipeText("o1", "c1", "SKU-000001", "2", "10.00", "2026-01-01T00:00:00Z", "a@example.com", "web")
 *         .pipeText("o2", "c2", "SKU-000002", "two", "10.00", "2026-01-01T00:00:00Z", "b@example.com", "web");
 *     TestRun run = driver.run();
 *     assertThat(run).published(1).quarantined(1, "quantity:parse");
 * }
 * }</pre>
 *
 * <p>What the driver changes in the product, and nothing else: an input the test feeds through
 * {@link #input(String)} replaces the product's port of that name (an input that is another product
 * is replaced by a fixture this way: rows, or rows another driver published); checks (the product's
 * and the quality rules of its declared contract, such as a minimum row count meant for production)
 * and quarantine limits adjusted by the test apply to its runs only; output ports are left out, since
 * the test reads the committed snapshot. Inputs the test does not feed keep their own port.
 *
 * <p>Each run reads the rows piped since the run before, so running again tests an incremental
 * product. Closing the driver closes its allocator: Arrow memory a run, a port or the test left
 * unreleased fails the test with an {@link AssertionError}.
 */
public final class ProductTestDriver implements AutoCloseable {
    /** Where the clock of a driver starts unless the test says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final DataProduct product;
    private final TestClock clock;
    private final BufferAllocator allocator;
    private final SnapshotStore store = new InMemorySnapshotStore();
    private final ProductRuntime runtime;
    private final Map<String, TestInput> inputs = new LinkedHashMap<>();
    private final List<Check> checks;
    private final Map<String, Double> maxQuarantinedShares = new HashMap<>();
    private boolean closed;

    private ProductTestDriver(DataProduct product, Instant start) {
        this.product = Objects.requireNonNull(product, "product");
        this.clock = new TestClock(start);
        this.allocator = ArrowMemory.rootAllocator();
        this.checks = new ArrayList<>(product.checks());
        product.declaredContract().ifPresent(c -> checks.addAll(OdcsQuality.toChecks(c).checks()));
        this.runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(clock)
                .history(new InMemoryMetricsHistory()).build();
    }

    /**
     * @param product the product under test
     * @return a driver whose clock stands at {@link #DEFAULT_START}
     */
    public static ProductTestDriver of(DataProduct product) {
        return new ProductTestDriver(product, DEFAULT_START);
    }

    /**
     * @param product the product under test
     * @param start where the clock starts
     * @return a driver
     */
    public static ProductTestDriver of(DataProduct product, Instant start) {
        return new ProductTestDriver(product, start);
    }

    /** @return the clock of every run; advance it for freshness and schedules */
    public TestClock clock() {
        return clock;
    }

    /** @return the allocator of the driver, for Arrow data a test builds itself; closed with the driver */
    public BufferAllocator allocator() {
        return allocator;
    }

    /**
     * The input of that name, fed by the test from now on. Its schema is the port's, for a port that
     * tells it with a public {@code Schema schema()} method (such as the CSV input); for another,
     * use {@link #input(String, Schema)}.
     *
     * @param name an input of the product
     * @return the input
     * @throws IllegalArgumentException if the product has no such input, or its port does not tell
     *     its schema
     */
    public TestInput input(String name) {
        TestInput known = inputs.get(name);
        if (known != null) {
            return known;
        }
        InputPort port = port(name);
        Schema schema = schemaOf(port).orElseThrow(() -> new IllegalArgumentException("input '" + name + "' ("
                + port.getClass().getSimpleName() + ") does not tell its schema; use input(\"" + name
                + "\", schema)"));
        return input(name, schema);
    }

    /**
     * @param name an input of the product
     * @param schema the schema of the rows the test pipes in
     * @return the input, fed by the test from now on
     * @throws IllegalArgumentException if the product has no such input, or it was fed with another schema
     */
    public TestInput input(String name, Schema schema) {
        port(name);
        TestInput input = inputs.computeIfAbsent(name, n -> new TestInput(n, Objects.requireNonNull(schema, "schema")));
        if (!input.schema().equals(schema)) {
            throw new IllegalArgumentException("input '" + name + "' is already fed with schema " + input.schema());
        }
        return input;
    }

    private InputPort port(String name) {
        return product.inputs().stream().filter(p -> p.descriptor().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("product " + product.address() + " has no input '"
                        + name + "'; its inputs are " + product.inputs().stream().map(p -> p.descriptor().name()).toList()));
    }

    private static Optional<Schema> schemaOf(InputPort port) {
        try {
            Method m = port.getClass().getMethod("schema");
            return m.getParameterCount() == 0 && Schema.class.isAssignableFrom(m.getReturnType())
                    ? Optional.of((Schema) m.invoke(port)) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Leaves a check out of the runs of this driver, such as a minimum row count meant for production.
     *
     * @param name the check's name
     * @return this driver
     * @throws IllegalArgumentException if the product has no check of that name; the message lists them
     */
    public ProductTestDriver withoutCheck(String name) {
        checks.remove(indexOf(name));
        return this;
    }

    /**
     * Runs another check in place of one of the product's, such as a threshold meant for millions of
     * rows relaxed for six. The replacement applies to the same dataset unless it names one.
     *
     * @param name the check's name
     * @param replacement the check to run instead
     * @return this driver
     * @throws IllegalArgumentException if the product has no check of that name; the message lists them
     */
    public ProductTestDriver replaceCheck(String name, Check replacement) {
        int i = indexOf(name);
        Check old = checks.get(i);
        checks.set(i, replacement.dataset().isEmpty() ? replacement.on(old.dataset()) : replacement);
        return this;
    }

    /**
     * @param check a check to run beside the product's
     * @return this driver
     */
    public ProductTestDriver withCheck(Check check) {
        checks.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    private int indexOf(String name) {
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("product " + product.address() + " has no check named '" + name
                + "'; its checks are " + checks.stream().map(Check::name).toList());
    }

    /**
     * @param share the share of rows every dataset may quarantine before a run fails, 0 to 1; a test
     *     of bad rows among a few good ones needs more than the default 10%
     * @return this driver
     */
    public ProductTestDriver maxQuarantinedShare(double share) {
        return maxQuarantinedShare("", share);
    }

    /**
     * @param dataset an output dataset; empty for every dataset
     * @param share the share of its rows it may quarantine before a run fails, 0 to 1
     * @return this driver
     */
    public ProductTestDriver maxQuarantinedShare(String dataset, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share lies between 0 and 1; got " + share);
        }
        if (!dataset.isEmpty() && product.output(dataset).isEmpty()) {
            throw new IllegalArgumentException("product " + product.address() + " has no dataset '" + dataset + "'");
        }
        maxQuarantinedShares.put(dataset, share);
        return this;
    }

    /**
     * Runs the product once over the rows piped since the last run, at the clock's time.
     *
     * @return the run and its committed data
     * @throws dev.dataproduct.core.runtime.QuarantineLimitException if a dataset quarantined more than
     *     its limit; nothing is committed and the piped rows are consumed
     * @throws dev.dataproduct.core.runtime.QualityGateException if an error-severity check failed
     * @throws dev.dataproduct.api.error.DataProductException if the transform or a port failed
     */
    public TestRun run() {
        if (closed) {
            throw new IllegalStateException("the driver is closed");
        }
        List<PipedInput> piped = new ArrayList<>();
        DataProduct runnable = ProductUnderTest.of(product, port -> {
            TestInput input = inputs.get(port.descriptor().name());
            if (input == null) {
                return port;
            }
            PipedInput p = new PipedInput(port, input.schema(), input.drain(), input.batchSize());
            piped.add(p);
            return p;
        }, checks, maxQuarantinedShares);
        try {
            RunResult result = runtime.run(runnable);
            return new TestRun(result, new SnapshotReads(store, store.current(product.address()).orElseThrow(),
                    allocator), classifiedColumns());
        } finally {
            piped.forEach(PipedInput::close);
        }
    }

    /** The classified columns of each dataset and fed input, by quarantine name, to keep out of messages. */
    private Map<String, Set<String>> classifiedColumns() {
        Map<String, Set<String>> out = new HashMap<>();
        product.outputs().forEach(d -> out.put(d.name(), classified(d.schema())));
        inputs.values().forEach(i -> out.put("input." + i.name(), classified(i.schema())));
        return out;
    }

    private static Set<String> classified(Schema schema) {
        Set<String> out = new HashSet<>();
        schema.fields().stream().filter(f -> f.classification().isSensitive()).forEach(f -> out.add(f.name()));
        return out;
    }

    /**
     * Closes the runtime and the allocator.
     *
     * @throws AssertionError if Arrow memory was left unreleased, naming the allocations
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runtime.close();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            throw new AssertionError("Arrow memory leaked in the test of " + product.address() + ": " + e.getMessage(),
                    e);
        }
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.host.HostedProduct;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ServingPort;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The SQL port: serves the products of a {@link ProductHost} as private, locked, in-process DuckDB
 * databases, one per {@link #connect connection}, holding what the connecting principal may read
 * (see {@link SqlSessions} for what a session holds, what is locked and why). Authentication is the
 * application's: it passes the principal it authenticated.
 *
 * {@snippet :
 * SqlPort sql = SqlPort.builder().sessions(s -> s.memoryLimit("512MB")).build();
 * ProductHost host = ProductHost.builder(runtime, allocator).product(directory).serve(sql).build();
 * host.start();
 * try (Connection c = sql.connect(principal);
 *      ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM students")) {
 *     rs.next();
 * }
 * }
 */
public final class SqlPort implements ServingPort {
    private final String name;
    private final Consumer<SqlSessions.Builder> settings;
    private volatile Map<ProductAddress, SqlSessions> sessions;
    private volatile BufferAllocator allocator;

    private SqlPort(Builder b) {
        this.name = b.name;
        this.settings = b.settings;
    }

    /** @return a builder with defaults (see {@link SqlSessions.Builder}) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "serving", "sql", sessions == null ? "not started"
                : "jdbc:duckdb: (in-process, one private database per connection)");
    }

    @Override
    public synchronized void start(ProductHost host) {
        Objects.requireNonNull(host, "host");
        if (sessions != null) {
            throw new IllegalStateException("the SQL port '" + name + "' is already started");
        }
        BufferAllocator child = host.allocator().newChildAllocator("sql-" + name, 0, Long.MAX_VALUE);
        Map<ProductAddress, SqlSessions> opened = new LinkedHashMap<>();
        for (HostedProduct p : host.products()) {
            SqlSessions.Builder b = SqlSessions.builder(p.reader(), host.store(),
                    p.product().outputs().stream().map(DatasetSpec::name).toList());
            settings.accept(b);
            opened.put(p.address(), b.name(name).allocator(child).meterRegistry(host.meterRegistry()).build());
        }
        this.allocator = child;
        this.sessions = Map.copyOf(opened);
    }

    /**
     * A private session on the current snapshot of the host's only product.
     *
     * @param principal who reads, as the application authenticated it
     * @return a JDBC connection; closing it ends the session
     * @throws IllegalStateException if the port is not started or the host serves several products
     * @throws dev.dataproduct.api.error.AccessDeniedException if the principal may read no dataset
     */
    public Connection connect(Principal principal) {
        Map<ProductAddress, SqlSessions> all = started();
        if (all.size() != 1) {
            throw new IllegalStateException("the SQL port '" + name + "' serves " + all.size()
                    + " products; name one with connect(product, principal), one of " + all.keySet());
        }
        return all.values().iterator().next().connect(principal);
    }

    /**
     * A private session on the current snapshot of one product of the host.
     *
     * @param product the product's address
     * @param principal who reads
     * @return a JDBC connection; closing it ends the session
     * @throws IllegalArgumentException if the host does not serve the product
     * @throws dev.dataproduct.api.error.AccessDeniedException if the principal may read no dataset
     */
    public Connection connect(ProductAddress product, Principal principal) {
        return sessions(product).orElseThrow(() -> new IllegalArgumentException("the SQL port '" + name
                + "' does not serve " + product + "; it serves " + started().keySet())).connect(principal);
    }

    /**
     * @param product a product's address
     * @return the opener of sessions on it (for time travel with {@link SqlSessions#open}), if served
     */
    public Optional<SqlSessions> sessions(ProductAddress product) {
        return Optional.ofNullable(started().get(Objects.requireNonNull(product, "product")));
    }

    private Map<ProductAddress, SqlSessions> started() {
        Map<ProductAddress, SqlSessions> s = sessions;
        if (s == null) {
            throw new IllegalStateException("the SQL port '" + name + "' is not started; start its host");
        }
        return s;
    }

    /** Stops opening sessions; sessions already open stay usable until their connections close. */
    @Override
    public synchronized void close() {
        if (sessions == null) {
            return;
        }
        sessions = null;
        allocator.close();
    }

    @Override
    public String toString() {
        return "SqlPort[" + name + "]";
    }

    /** Builds a {@link SqlPort}. */
    public static final class Builder {
        private String name = SqlSessions.DEFAULT_NAME;
        private Consumer<SqlSessions.Builder> settings = b -> { };

        private Builder() {
        }

        /**
         * @param value the port name, in audit records and meter tags (default {@value SqlSessions#DEFAULT_NAME})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = SqlSessions.checkedName(value);
            return this;
        }

        /**
         * @param value sets the sessions' memory limit, threads and work directory for every product
         * @return this builder
         */
        public Builder sessions(Consumer<SqlSessions.Builder> value) {
            this.settings = Objects.requireNonNull(value, "sessions");
            return this;
        }

        /** @return the port, to be passed to a host's {@code serve} */
        public SqlPort build() {
            return new SqlPort(this);
        }
    }
}

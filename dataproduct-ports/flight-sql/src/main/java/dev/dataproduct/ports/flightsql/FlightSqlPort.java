package dev.dataproduct.ports.flightsql;

import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ServingPort;
import dev.dataproduct.ports.sql.SqlPort;
import dev.dataproduct.ports.sql.SqlSessions;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network SQL endpoint speaking Arrow Flight SQL, so that JDBC tools (the Flight SQL JDBC driver,
 * DBeaver) and Python (ADBC) query a product over the network. Each authenticated client gets a
 * session with its own database, holding only what its principal may read; statements and prepared
 * statements (with parameters) run there and their results stream back as Arrow batches.
 *
 * <p>By default a session's database is the SQL module's: a private, locked, read-only DuckDB
 * loaded through the read path as the session's principal ({@link SqlSessions}), over the product
 * the host serves ({@link Builder#product} picks one when it serves several; {@link Builder#sql}
 * sets the sessions' memory limit, threads and work directory). A principal who may read nothing of
 * the product gets {@code UNAUTHORIZED}. {@link Builder#databases(SessionDatabases)} replaces the
 * default with a backend of the application's.
 *
 * <p>Clients authenticate with the application's {@link Authenticator}: a bearer token (the JDBC
 * property {@code token}), or a user name with the token as password. Wrong or missing credentials
 * get {@code UNAUTHENTICATED}; a bad statement gets {@code INVALID_ARGUMENT} with the database's
 * message. The port is bounded: at most {@link Builder#maxSessions} sessions, each closed (with its
 * database) after {@link Builder#idleTimeout} without a call, or when the client closes it.
 *
 * {@snippet :
 * FlightSqlPort flight = FlightSqlPort.builder()
 *         .authenticator(tokens)      // sessions: the SQL module's locked databases of the host's product
 *         .port(31337)
 *         .build();
 * ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(flight).build();
 * host.start();
 * String url = flight.jdbcUrl();   // jdbc:arrow-flight-sql://127.0.0.1:31337?useEncryption=false
 * }
 *
 * <p>The endpoint is plain gRPC over TCP, without TLS: bind it to loopback, or put it behind a
 * proxy that terminates TLS. Applications need {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
 * for Arrow, as for every port.
 */
public final class FlightSqlPort implements ServingPort {
    /** The default port name. */
    public static final String DEFAULT_NAME = "flight-sql";
    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlPort.class);

    private final Builder config;
    private Running running;
    private boolean closed;

    private record Running(FlightServer server, Sessions sessions, BufferAllocator allocator,
            ScheduledExecutorService sweeper, int port, AutoCloseable backend) {
    }

    private FlightSqlPort(Builder config) {
        this.config = config;
    }

    /** @return a builder of a Flight SQL port */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized PortDescriptor descriptor() {
        return new PortDescriptor(config.name, "serving", "arrow-flight-sql",
                running == null ? "not started" : jdbcUrl());
    }

    /**
     * @return the URL a JDBC client (the Arrow Flight SQL JDBC driver, DBeaver) connects to
     * @throws IllegalStateException before the port is started
     */
    public synchronized String jdbcUrl() {
        if (running == null) {
            throw new IllegalStateException("the Flight SQL port '" + config.name + "' is not started; start its host");
        }
        return "jdbc:arrow-flight-sql://" + config.host + ":" + running.port() + "?useEncryption=false";
    }

    /**
     * @return the TCP port the server listens on
     * @throws IllegalStateException before the port is started
     */
    public synchronized int boundPort() {
        if (running == null) {
            throw new IllegalStateException("the Flight SQL port '" + config.name + "' is not started; start its host");
        }
        return running.port();
    }

    @Override
    public synchronized void start(ProductHost host) {
        Objects.requireNonNull(host, "host");
        if (running != null || closed) {
            throw new IllegalStateException("the Flight SQL port '" + config.name + "' is "
                    + (closed ? "closed" : "already started"));
        }
        SqlPort sql = null;
        SessionDatabases databases;
        if (config.databases == null) {
            sql = sqlSessions(host);
            databases = sqlDatabases(sql);
        } else {
            databases = Objects.requireNonNull(config.databases.apply(host),
                    "the databases of Flight SQL port '" + config.name + "'");
        }
        BufferAllocator allocator = host.allocator().newChildAllocator("flight-sql:" + config.name, 0, Long.MAX_VALUE);
        Sessions sessions = new Sessions(databases, config.maxSessions, config.idleTimeout, config.busyWait,
                config.maxPreparedPerSession, System::nanoTime);
        ResultStreamer results = new ResultStreamer(allocator, config.batchSize, config.idleTimeout);
        SessionProducer producer = new SessionProducer(sessions, allocator, results, version(),
                new PortMeters(host.meterRegistry(), config.name), meteredProduct(host));
        FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(config.host, config.port), producer)
                .headerAuthenticator(new SessionAuthenticator(config.authenticator, sessions))
                // a session ends when the last client connection using it closes (JDBC sends no CloseSession)
                .middleware(Connections.KEY, Connections.middleware())
                .transportHint("grpc.builderConsumer", Connections.tracking(sessions))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            allocator.close();
            if (sql != null) {
                sql.close();
            }
            throw new PortException("Flight SQL port '" + config.name + "' cannot listen on " + config.host + ":"
                    + config.port + " (" + e.getMessage() + "); choose a free port with FlightSqlPort.builder().port(n)",
                    e);
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flight-sql-idle-" + config.name);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(250, config.idleTimeout.toMillis() / 4);
        sweeper.scheduleWithFixedDelay(sessions::closeIdle, every, every, TimeUnit.MILLISECONDS);
        running = new Running(server, sessions, allocator, sweeper, server.getPort(), sql == null ? () -> { } : sql);
    }

    /** The SQL module's sessions over the host's products, under this port's name (audit, meters). */
    private SqlPort sqlSessions(ProductHost host) {
        if (config.product == null && host.products().size() > 1) {
            throw new IllegalStateException("the Flight SQL port '" + config.name + "' is on a host serving "
                    + host.products().size() + " products; name the one it serves with product(address), or give"
                    + " databases(...)");
        }
        if (config.product != null && host.products().stream().noneMatch(p -> p.address().equals(config.product))) {
            throw new IllegalStateException("the Flight SQL port '" + config.name + "' serves " + config.product
                    + ", which its host does not hold; add the product to the host");
        }
        // this port meters each Flight call itself, so the sessions' own statement meters are off
        SqlPort sql = SqlPort.builder().name(config.name)
                .sessions(config.sqlSettings.andThen(b -> b.meterStatements(false))).build();
        sql.start(host);
        return sql;
    }

    /** The product tag of statement meters: the product served, or {@code -} when that is not one. */
    private String meteredProduct(ProductHost host) {
        if (config.product != null) {
            return config.product.urn();
        }
        return host.products().size() == 1 ? host.products().get(0).address().urn() : "-";
    }

    private SessionDatabases sqlDatabases(SqlPort sql) {
        ProductAddress product = config.product;
        return product == null ? sql::connect : principal -> sql.connect(product, principal);
    }

    /** @return the sessions open now (0 when the port is not running) */
    synchronized int openSessions() {
        return running == null ? 0 : running.sessions().size();
    }

    /** Stops listening, ends every session and closes its database; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Running r = running;
        if (r == null) {
            return;
        }
        r.sweeper().shutdownNow();
        r.server().shutdown();
        try {
            if (!r.server().awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Flight SQL port '{}' had calls running after 5 s; ending them", config.name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(r.server());
        r.sessions().close();
        r.allocator().close();
        try {
            r.backend().close();
        } catch (Exception e) {
            LOG.warn("closing the SQL sessions of Flight SQL port '{}' failed", config.name, e);
        }
    }

    private static void closeQuietly(FlightServer server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stopping a Flight SQL server failed", e);
        }
    }

    private static String version() {
        String v = FlightSqlPort.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String toString() {
        return "FlightSqlPort[" + config.name + "]";
    }

    /** Builds a {@link FlightSqlPort}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String host = "127.0.0.1";
        private int port;
        private Authenticator authenticator;
        private Function<ProductHost, SessionDatabases> databases;
        private ProductAddress product;
        private Consumer<SqlSessions.Builder> sqlSettings = b -> { };
        private int maxSessions = 64;
        private Duration idleTimeout = Duration.ofMinutes(15);
        private Duration busyWait = Duration.ofSeconds(30);
        private int maxPreparedPerSession = 256;
        private int batchSize = 4096;

        private Builder() {
        }

        /**
         * @param value the port name, unique within the host; default {@value FlightSqlPort#DEFAULT_NAME}
         * @return this builder
         */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("a port name must not be blank");
            }
            name = value;
            return this;
        }

        /**
         * @param value the address to listen on; default {@code 127.0.0.1} (loopback only)
         * @return this builder
         */
        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the TCP port, or 0 (the default) for any free one; {@link #jdbcUrl()} tells which
         * @return this builder
         * @throws IllegalArgumentException outside 0..65535
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("a TCP port is 0..65535, not " + value);
            }
            port = value;
            return this;
        }

        /**
         * @param value turns a call's headers into its principal (required); shared with the REST port
         * @return this builder
         */
        public Builder authenticator(Authenticator value) {
            authenticator = Objects.requireNonNull(value, "authenticator");
            return this;
        }

        /**
         * Replaces the default session databases (the SQL module's locked sessions over the host's
         * product) with a backend of the application's.
         *
         * @param value opens each session's database
         * @return this builder
         */
        public Builder databases(SessionDatabases value) {
            Objects.requireNonNull(value, "databases");
            databases = h -> value;
            return this;
        }

        /**
         * @param value makes the session databases of the host the port starts in, such as the SQL
         *     module's databases over the host's read paths
         * @return this builder
         */
        public Builder databases(Function<ProductHost, SessionDatabases> value) {
            databases = Objects.requireNonNull(value, "databases");
            return this;
        }

        /**
         * @param value the product whose locked SQL sessions the port serves, when its host serves
         *     several (with one, it is that one)
         * @return this builder
         */
        public Builder product(ProductAddress value) {
            product = Objects.requireNonNull(value, "product");
            return this;
        }

        /**
         * @param value sets the SQL sessions' memory limit, threads and work directory (see
         *     {@link SqlSessions.Builder}); ignored with {@link #databases(SessionDatabases)}
         * @return this builder
         */
        public Builder sql(Consumer<SqlSessions.Builder> value) {
            sqlSettings = Objects.requireNonNull(value, "sql");
            return this;
        }

        /**
         * @param value the most sessions open at once (default 64); one more gets {@code RESOURCE_EXHAUSTED}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxSessions(int value) {
            maxSessions = positive(value, "maxSessions");
            return this;
        }

        /**
         * @param value how long a session stays open without a call (default 15 minutes); also how long a
         *     result waits for a client that stopped reading
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = positive(value, "idleTimeout");
            return this;
        }

        /**
         * @param value how long a call waits for another call of its session to finish with the session's
         *     database (default 30 s), after which it gets {@code UNAVAILABLE}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder busyWait(Duration value) {
            busyWait = positive(value, "busyWait");
            return this;
        }

        /**
         * @param value the most prepared statements a session keeps open (default 256)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPreparedPerSession(int value) {
            maxPreparedPerSession = positive(value, "maxPreparedPerSession");
            return this;
        }

        /**
         * @param rows the most rows of one Arrow batch of a result (default 4096): memory per result is
         *     bounded by it
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder batchSize(int rows) {
            batchSize = positive(rows, "batchSize");
            return this;
        }

        /**
         * @return the port
         * @throws IllegalStateException if the authenticator is missing
         */
        public FlightSqlPort build() {
            if (authenticator == null) {
                throw new IllegalStateException("the Flight SQL port '" + name + "' needs authenticator(...)");
            }
            return new FlightSqlPort(this);
        }

        private static int positive(int value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.snapshot.SnapshotPin;
import dev.dataproduct.core.snapshot.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens private SQL sessions on one product: each {@link #connect(Principal)} builds an in-process
 * DuckDB database that holds only what the principal may read of the product's datasets, one table
 * per readable dataset, named after it, streamed in from the read path (policy, row filters and masks
 * applied; masked columns hold their masked values), all from one snapshot, which stays pinned until
 * the connection is closed.
 *
 * {@snippet :
 * SqlSessions sessions = SqlSessions.builder(reader, store, List.of("students")).allocator(allocator).build();
 * try (Connection sql = sessions.connect(principal);
 *      ResultSet rs = sql.createStatement().executeQuery("SELECT school, count(*) FROM students GROUP BY 1")) {
 *     while (rs.next()) { ... }
 * }
 * }
 *
 * <p><b>What is locked, and why.</b> DuckDB has no privilege boundary inside one database: whoever
 * holds a connection can read every table in it. The safety of a session comes from its database
 * holding nothing but what its principal may read. Before the user's first statement the session's
 * database is opened read-only and locked: {@code enable_external_access=false} (no file, URL or
 * database outside the session: {@code read_parquet}, {@code read_csv}, {@code COPY ... TO},
 * {@code ATTACH}, {@code INSTALL} all fail), {@code autoinstall_known_extensions=false},
 * {@code autoload_known_extensions=false} (no {@code LOAD}), then {@code lock_configuration=true}
 * (no {@code SET} of a global option, such as the memory limit or the options above). The dataset
 * tables are read-only: {@code DROP}, {@code CREATE OR REPLACE} of a table, view or macro,
 * {@code INSERT}, {@code UPDATE} and {@code DELETE} fail. DuckDB keeps a writable {@code temp}
 * catalog even then, so a session may create {@code TEMP} tables and views of its own, which can
 * shadow a dataset's name within that session only; the dataset tables stay reachable by their
 * qualified name {@code <catalog>.main.<dataset>} (see {@link SqlSession#catalog()}).
 *
 * <p><b>Memory and disk.</b> A session's database is a DuckDB file in a private directory (owner
 * only, under {@link Builder#workDirectory}), written once while loading, then opened read-only and
 * unlinked from the directory at once where the operating system allows (POSIX), so it lives on
 * only through the session's open file; the directory, spill files included, is removed when the
 * connection closes. DuckDB's buffer pool of each session is bounded by {@link Builder#memoryLimit}
 * (default {@value #DEFAULT_MEMORY_LIMIT}): a dataset larger than that stays in the file and is
 * paged in, and a query that needs more spills to the session's directory or fails with DuckDB's
 * out-of-memory error. On the Java side, loading holds one Arrow batch at a time.
 *
 * <p><b>Usage metrics.</b> Each session records, per dataset loaded, one {@code dataproduct.port.*}
 * request with the rows the session received (outcome {@code ok}); a principal who may read none of
 * the datasets is one {@code denied} request. Each statement executed on the connection is one more
 * request, tagged dataset {@code -} (its text is never a tag): outcome {@code ok} with the rows the
 * client read and the time until its result was closed, or {@code bad_request} when the database
 * refused it ({@link Builder#meterStatements} turns this off).
 */
public final class SqlSessions {
    /** The default memory limit of one session's database. */
    public static final String DEFAULT_MEMORY_LIMIT = "256MB";
    /** The default port name, used in audit records and meter tags. */
    public static final String DEFAULT_NAME = "sql";

    private static final Logger LOG = LoggerFactory.getLogger(SqlSessions.class);
    private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> RESERVED = Set.of("memory", "system", "temp", "main");

    private final ProductReader reader;
    private final SnapshotStore store;
    private final List<String> datasets;
    private final BufferAllocator allocator;
    private final PortMeters meters;
    private final String port;
    private final String memoryLimit;
    private final int threads;
    private final Path workDirectory;
    private final String catalog;
    private final boolean meterStatements;

    private SqlSessions(Builder b) {
        this.reader = b.reader;
        this.store = b.store;
        this.datasets = List.copyOf(b.datasets);
        this.allocator = Objects.requireNonNull(b.allocator, "allocator: call allocator(...)");
        this.port = b.name;
        this.meters = new PortMeters(b.registry, b.name);
        this.memoryLimit = b.memoryLimit;
        this.threads = b.threads;
        this.workDirectory = b.workDirectory;
        this.catalog = catalogName(reader.served().name());
        this.meterStatements = b.meterStatements;
    }

    /**
     * @param reader the product's read path
     * @param store the store the reader reads, where a session pins its snapshot
     * @param datasets the datasets offered as tables (those the principal may read become tables)
     * @return a builder
     */
    public static Builder builder(ProductReader reader, SnapshotStore store, List<String> datasets) {
        return new Builder(reader, store, datasets);
    }

    /**
     * A JDBC connection to a new private session on the current snapshot. Closing the connection
     * closes the session.
     *
     * @param principal who reads
     * @return the connection, locked as the class describes
     * @throws AccessDeniedException if the principal may read none of the datasets
     * @throws DataProductException if the product has no committed snapshot, or loading fails
     */
    public Connection connect(Principal principal) {
        return open(principal, SnapshotSelector.current()).connection();
    }

    /**
     * Opens a private session on a chosen snapshot (time travel).
     *
     * @param principal who reads
     * @param snapshot the snapshot every table of the session is read from
     * @return the session; close it (or its connection) to release the snapshot and the database
     * @throws AccessDeniedException if the principal may read none of the datasets
     * @throws DataProductException if the snapshot does not exist, or loading fails
     */
    public SqlSession open(Principal principal, SnapshotSelector snapshot) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(snapshot, "snapshot");
        long start = System.nanoTime();
        String product = reader.served().urn();
        List<String> readable = datasets.stream().filter(d -> reader.mayRead(principal, d)).toList();
        if (readable.isEmpty()) {
            String first = datasets.isEmpty() ? "-" : datasets.get(0);
            meters.record(product, first, "denied", 0, 0, System.nanoTime() - start);
            if (!datasets.isEmpty()) {
                // the read path audits the denial and throws it with its own words
                reader.read(principal, ReadRequest.of(first).snapshot(snapshot).via(port).build()).close();
            }
            throw new AccessDeniedException("principal '" + principal.id() + "' may read no dataset of " + product);
        }
        Path directory = privateDirectory();
        Path file = directory.resolve(catalog + ".duckdb");
        SnapshotPin pin = null;
        Connection session = null;
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            pin = load(principal, snapshot, readable, file, rows);
            session = lockedReadOnly(file, directory);
            unlink(file);
            SqlSession opened = new SqlSession(session, pin, directory, catalog, rows,
                    meterStatements ? new MeteredStatements(meters, product) : null);
            long nanos = System.nanoTime() - start;
            rows.forEach((dataset, n) -> meters.record(product, dataset, "ok", n, 0, nanos));
            return opened;
        } catch (RuntimeException | SQLException e) {
            meters.record(product, readable.get(0), outcome(e), 0, 0, System.nanoTime() - start);
            closeQuietly(session);
            if (pin != null) {
                pin.close();
            }
            SqlSession.delete(directory);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new PortException("the SQL session on " + product + " could not be built: " + e.getMessage()
                    + "; check the memory limit (" + memoryLimit + ") and the work directory " + workDirectory, e);
        }
    }

    /** @return the catalog name a session's tables live in, derived from the product's name */
    public String catalog() {
        return catalog;
    }

    /** @return the read path the sessions read through */
    public ProductReader reader() {
        return reader;
    }

    /** Writes the readable datasets into the session's file; returns the pin of the snapshot read. */
    private SnapshotPin load(Principal principal, SnapshotSelector snapshot, List<String> readable, Path file,
                             Map<String, Long> rows) throws SQLException {
        SnapshotPin pin = null;
        SnapshotSelector pinned = snapshot;
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + file);
             BufferAllocator loading = allocator.newChildAllocator("sql-session-load", 0, Long.MAX_VALUE)) {
            configure(writer, file.getParent());
            try (Statement s = writer.createStatement()) {
                // the file lives only as long as its session: compressing it while loading cost more than
                // half of opening a session, for a file read back at once, mostly from DuckDB's buffer pool
                s.execute("SET force_compression = 'uncompressed'");
            }
            for (String dataset : readable) {
                try (ReadResult result = reader.read(principal, ReadRequest.of(dataset).snapshot(pinned).via(port)
                        .build())) {
                    if (pin == null) {
                        // every table of the session comes from the snapshot the first read resolved
                        pin = store.pin(result.snapshot());
                        pinned = SnapshotSelector.id(result.snapshot().id());
                    }
                    rows.put(dataset, ArrowImport.intoTable(writer, loading, result, result.schema(), dataset,
                            dataset));
                }
            }
            return pin;
        } catch (RuntimeException | SQLException e) {
            if (pin != null) {
                pin.close();
            }
            throw e;
        }
    }

    private Connection lockedReadOnly(Path file, Path directory) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
        try (Statement s = c.createStatement()) {
            configure(c, directory);
            s.execute("SET enable_external_access = false");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET lock_configuration = true");
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void configure(Connection c, Path directory) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET memory_limit = '" + memoryLimit + "'");
            s.execute("SET threads = " + threads);
            s.execute("SET temp_directory = '" + directory.resolve("spill").toString().replace("'", "''") + "'");
        }
    }

    private Path privateDirectory() {
        try {
            Files.createDirectories(workDirectory);
            if (workDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempDirectory(workDirectory, "dataproduct-sql-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createTempDirectory(workDirectory, "dataproduct-sql-");
        } catch (IOException e) {
            throw new PortException("the SQL port cannot create a session directory under " + workDirectory + " ("
                    + e.getMessage() + "); give it a writable work directory", e);
        }
    }

    /** Where the file system allows it, the data lives on only through the session's open file. */
    private static void unlink(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("session file {} stays until its session closes: {}", file, e.toString());
        }
    }

    private static String outcome(Exception e) {
        return e instanceof AccessDeniedException ? "denied" : e instanceof InvalidRequestException ? "bad_request"
                : "error";
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed session: {}", e.toString());
            }
        }
    }

    /** @return the name, if it is not blank */
    static String checkedName(String value) {
        if (Objects.requireNonNull(value, "name").isBlank()) {
            throw new IllegalArgumentException("a port name must not be blank");
        }
        return value;
    }

    /** @return the limit, trimmed, if it is a size DuckDB reads */
    static String checkedMemoryLimit(String value) {
        if (!MEMORY.matcher(Objects.requireNonNull(value, "memoryLimit").trim()).matches()) {
            throw new IllegalArgumentException("a memory limit is a number and a unit (B, KB, MB, GB, TB,"
                    + " KiB, MiB, GiB, TiB), as in 512MB; got '" + value + "'");
        }
        return value.trim();
    }

    static String catalogName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "p_" + name;
        }
        return RESERVED.contains(name) ? name + "_product" : name;
    }

    /** Builds {@link SqlSessions}. */
    public static final class Builder {
        private final ProductReader reader;
        private final SnapshotStore store;
        private final List<String> datasets;
        private BufferAllocator allocator;
        private MeterRegistry registry = new CompositeMeterRegistry();
        private String name = DEFAULT_NAME;
        private String memoryLimit = DEFAULT_MEMORY_LIMIT;
        private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean meterStatements = true;

        private Builder(ProductReader reader, SnapshotStore store, List<String> datasets) {
            this.reader = Objects.requireNonNull(reader, "reader");
            this.store = Objects.requireNonNull(store, "store");
            this.datasets = new ArrayList<>(datasets);
        }

        /** @param value the allocator of the Arrow batches while loading (required) @return this builder */
        public Builder allocator(BufferAllocator value) {
            this.allocator = Objects.requireNonNull(value, "allocator");
            return this;
        }

        /** @param value where usage meters go (default: none, nothing recorded) @return this builder */
        public Builder meterRegistry(MeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * @param value the port name in audit records and meter tags (default {@value #DEFAULT_NAME})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = checkedName(value);
            return this;
        }

        /**
         * @param value DuckDB's memory limit for each session, as in {@code 512MB} or {@code 2GiB}
         * @return this builder
         * @throws IllegalArgumentException if the value is not a size with a unit
         */
        public Builder memoryLimit(String value) {
            this.memoryLimit = checkedMemoryLimit(value);
            return this;
        }

        /** @param value DuckDB threads per session, at least 1 (default: cores, at most 4) @return this builder */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("a session needs at least one thread, got " + value);
            }
            this.threads = value;
            return this;
        }

        /** @param value where session directories are made (default: the JVM's temporary directory) @return this builder */
        public Builder workDirectory(Path value) {
            this.workDirectory = Objects.requireNonNull(value, "workDirectory");
            return this;
        }

        /**
         * @param value whether each statement run on a session's connection is metered (default yes); a
         *     port that serves sessions through its own protocol and meters its calls itself turns it off
         * @return this builder
         */
        public Builder meterStatements(boolean value) {
            this.meterStatements = value;
            return this;
        }

        /** @return the sessions' opener */
        public SqlSessions build() {
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("give at least one dataset to offer as a table");
            }
            return new SqlSessions(this);
        }
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotPin;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One principal's private SQL session: a locked, read-only DuckDB database holding what that
 * principal may read of a product, from one pinned snapshot. Closing the session, or its
 * {@link #connection()}, closes the database, removes its directory and releases the snapshot.
 */
public final class SqlSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlSession.class);

    private final Connection duck;
    private final Connection connection;
    private final SnapshotPin pin;
    private final Path directory;
    private final String catalog;
    private final Map<String, Long> rows;
    private final MeteredStatements statements;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param statements meters each statement's execution, or null to meter none */
    SqlSession(Connection duck, SnapshotPin pin, Path directory, String catalog, Map<String, Long> rows,
               MeteredStatements statements) {
        this.duck = duck;
        this.pin = pin;
        this.directory = directory;
        this.catalog = catalog;
        this.rows = Map.copyOf(rows);
        this.statements = statements;
        this.connection = (Connection) Proxy.newProxyInstance(SqlSession.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        close();
                        return null;
                    }
                    Object out = MeteredStatements.invoke(method, duck, args);
                    return statements != null && out instanceof Statement s
                            ? statements.statement(s, method.getReturnType()) : out;
                });
    }

    /** @return the JDBC connection of the session; closing it closes the session */
    public Connection connection() {
        return connection;
    }

    /** @return the snapshot every table of the session was read from, pinned while the session is open */
    public SnapshotManifest snapshot() {
        return pin.manifest();
    }

    /**
     * @return the catalog (DuckDB database name) of the dataset tables: a table is always reachable as
     *     {@code <catalog>.main.<dataset>}, even if the session shadows its name with a temporary one
     */
    public String catalog() {
        return catalog;
    }

    /** @return the tables of the session (the datasets the principal may read) and the rows of each */
    public Map<String, Long> tables() {
        return rows;
    }

    /** @return whether the session is closed */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (statements != null) {
                statements.closeAll();
            }
            duck.close();
        } catch (SQLException e) {
            LOG.warn("closing the DuckDB database of a SQL session failed: {}", e.getMessage());
        } finally {
            delete(directory);
            pin.close();
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("the SQL session directory {} could not be removed: {}", directory, e.toString());
        }
    }
}

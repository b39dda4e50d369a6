package dev.dataproduct.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An in-memory DuckDB database holding the orders of {@link OrdersGenerator} in a native table
 * {@value #TABLE}, loaded from the very Arrow batches the engine reads (so both see the same rows)
 * with DuckDB's appender.
 */
public final class DuckDbOrders implements AutoCloseable {
    /** The table name. */
    public static final String TABLE = "orders";

    private final DuckDBConnection connection;

    private DuckDbOrders(DuckDBConnection connection) {
        this.connection = connection;
    }

    /**
     * Opens an in-memory database limited to a number of threads.
     *
     * @param threads DuckDB's worker threads, as {@code SET threads}
     * @return the database, with an empty table
     * @throws SQLException if DuckDB cannot be started
     */
    public static DuckDbOrders open(int threads) throws SQLException {
        DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE " + TABLE + " (id BIGINT NOT NULL, customer VARCHAR, sku VARCHAR NOT NULL, "
                    + "quantity INTEGER NOT NULL, price DOUBLE NOT NULL, discount DOUBLE, category VARCHAR NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL, score DOUBLE NOT NULL, flag BOOLEAN NOT NULL)");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new DuckDbOrders(c);
    }

    /** @return the connection, for queries */
    public Connection connection() {
        return connection;
    }

    /**
     * Appends batches of {@link OrdersGenerator#schema()} to the table.
     *
     * @param batches the batches
     * @throws SQLException if DuckDB refuses a value
     */
    public void load(List<VectorSchemaRoot> batches) throws SQLException {
        try (DuckDBAppender a = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
            for (VectorSchemaRoot b : batches) {
                append(a, b);
            }
            a.flush();
        }
    }

    private static void append(DuckDBAppender a, VectorSchemaRoot b) throws SQLException {
        BigIntVector id = (BigIntVector) b.getVector("id");
        VarCharVector customer = (VarCharVector) b.getVector("customer");
        VarCharVector sku = (VarCharVector) b.getVector("sku");
        IntVector quantity = (IntVector) b.getVector("quantity");
        Float8Vector price = (Float8Vector) b.getVector("price");
        Float8Vector discount = (Float8Vector) b.getVector("discount");
        VarCharVector category = (VarCharVector) b.getVector("category");
        TimeStampMicroTZVector createdAt = (TimeStampMicroTZVector) b.getVector("created_at");
        Float8Vector score = (Float8Vector) b.getVector("score");
        BitVector flag = (BitVector) b.getVector("flag");
        int n = b.getRowCount();
        for (int i = 0; i < n; i++) {
            a.beginRow();
            a.append(id.get(i));
            if (customer.isNull(i)) {
                a.appendNull();
            } else {
                a.append(text(customer, i));
            }
            a.append(text(sku, i));
            a.append(quantity.get(i));
            a.append(price.get(i));
            if (discount.isNull(i)) {
                a.appendNull();
            } else {
                a.append(discount.get(i));
            }
            a.append(text(category, i));
            a.appendEpochMicros(createdAt.get(i));
            a.append(score.get(i));
            a.append(flag.get(i) != 0);
            a.endRow();
        }
    }

    private static String text(VarCharVector v, int i) {
        return new String(v.get(i), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

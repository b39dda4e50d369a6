package dev.dataproduct.ports.sql;

import dev.dataproduct.api.data.BatchCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Hands a read path's batches to DuckDB through the Arrow C stream interface: DuckDB pulls the
 * batches one at a time and reads their buffers in place, so memory on the Java side stays bounded
 * by one batch whatever the size of the dataset.
 */
final class ArrowImport {
    private static final AtomicLong STREAMS = new AtomicLong();

    private ArrowImport() {
    }

    /** What one statement does with the registered stream, named by {@code stream}. */
    @FunctionalInterface
    interface Use {
        void run(Statement statement, String stream) throws SQLException;
    }

    /**
     * Registers the batches as a stream, runs {@code use} on it, then releases the stream.
     *
     * @return the rows DuckDB pulled
     */
    static long with(Connection duck, BufferAllocator allocator, BatchCursor batches, Schema schema, Use use)
            throws SQLException {
        String stream = "dataproduct_stream_" + STREAMS.incrementAndGet();
        try (CursorReader reader = new CursorReader(allocator, batches, schema);
             ArrowArrayStream exported = ArrowArrayStream.allocateNew(allocator);
             Statement statement = duck.createStatement()) {
            Data.exportArrayStream(allocator, reader, exported);
            duck.unwrap(DuckDBConnection.class).registerArrowStream(stream, exported);
            try {
                use.run(statement, stream);
            } finally {
                statement.execute("DROP VIEW IF EXISTS " + DuckDbTypes.quote(stream));
            }
            return reader.rows();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the batches handed to DuckDB failed", e);
        }
    }

    /**
     * Creates a table with the columns of {@code schema} and fills it with the batches.
     *
     * @return the rows inserted
     */
    static long intoTable(Connection duck, BufferAllocator allocator, BatchCursor batches, Schema schema,
                          String table, String dataset) throws SQLException {
        try (Statement ddl = duck.createStatement()) {
            ddl.execute(DuckDbTypes.createTable(table, schema, dataset));
        }
        return with(duck, allocator, batches, schema, (statement, stream) -> statement.execute("INSERT INTO "
                + DuckDbTypes.quote(table) + " SELECT * FROM " + DuckDbTypes.quote(stream)));
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes what an audience may read of a product as Parquet files, one {@code <dataset>.parquet} per
 * dataset the audience may read, through DuckDB: the read path's batches stream into DuckDB (Arrow C
 * stream interface) and out through {@code COPY ... TO ... (FORMAT parquet)}, with the column types
 * of a SQL session (see {@link SqlSessions}). Each file is written beside its target under a
 * temporary name and moved into place atomically, so a reader sees the previous file or the new
 * one, never part of one. The files are readable by DuckDB, Spark and pandas (pyarrow).
 *
 * <p>This is for writing a snapshot for an audience outside a run (a one-off export, a backfill);
 * within runs, the delivery port {@link ParquetPort} writes each committed snapshot the runtime hands
 * it, in the same way, as an atomically switched set of files.
 *
 * {@snippet :
 * ParquetWriter writer = ParquetWriter.builder(reader, List.of("students"))
 *     .audience(Principal.of("analytics", "analyst")).allocator(allocator).build();
 * Map<String, Path> files = writer.write(SnapshotSelector.current(), Path.of("out/parquet"));
 * }
 */
public final class ParquetWriter {
    /** The default port name, used in audit records. */
    public static final String DEFAULT_NAME = "parquet";

    private final ProductReader reader;
    private final List<String> datasets;
    private final Principal audience;
    private final BufferAllocator allocator;
    private final String name;
    private final String memoryLimit;
    private final String compression;

    private ParquetWriter(Builder b) {
        this.reader = b.reader;
        this.datasets = List.copyOf(b.datasets);
        this.audience = Objects.requireNonNull(b.audience, "audience: call audience(...)");
        this.allocator = Objects.requireNonNull(b.allocator, "allocator: call allocator(...)");
        this.name = b.name;
        this.memoryLimit = b.memoryLimit;
        this.compression = b.compression;
    }

    /**
     * @param reader the product's read path
     * @param datasets the datasets to write (those the audience may read are written)
     * @return a builder
     */
    public static Builder builder(ProductReader reader, List<String> datasets) {
        return new Builder(reader, datasets);
    }

    /** @return the principal the files are written for */
    public Principal audience() {
        return audience;
    }

    /**
     * Writes one file per dataset the audience may read, all from the same snapshot.
     *
     * @param snapshot the snapshot to write
     * @param directory where the files go (created if missing)
     * @return each dataset written and its file; empty if the audience may read none
     * @throws PortException if a file cannot be written
     * @throws dev.dataproduct.api.error.DataProductException if the snapshot does not exist
     */
    public Map<String, Path> write(SnapshotSelector snapshot, Path directory) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(directory, "directory");
        List<String> readable = datasets.stream().filter(d -> reader.mayRead(audience, d)).toList();
        Map<String, Path> written = new LinkedHashMap<>();
        if (readable.isEmpty()) {
            return written;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PortException("the Parquet directory " + directory + " cannot be created (" + e.getMessage()
                    + "); check its parent's permissions", e);
        }
        SnapshotSelector pinned = snapshot;
        try (Connection duck = writingDatabase(memoryLimit);
             BufferAllocator writing = allocator.newChildAllocator("parquet-" + name, 0, Long.MAX_VALUE)) {
            for (String dataset : readable) {
                try (ReadResult result = reader.read(audience, ReadRequest.of(dataset).snapshot(pinned).via(name)
                        .build())) {
                    // every file comes from the snapshot the first read resolved
                    pinned = SnapshotSelector.id(result.snapshot().id());
                    written.put(dataset, writeOne(duck, writing, result, dataset, directory));
                }
            }
            return written;
        } catch (SQLException e) {
            throw new PortException("writing Parquet for '" + audience.id() + "' into " + directory + " failed: "
                    + e.getMessage() + "; check the free space and the memory limit (" + memoryLimit + ")", e);
        }
    }

    private Path writeOne(Connection duck, BufferAllocator writing, ReadResult result, String dataset,
                          Path directory) throws SQLException {
        Path target = directory.resolve(dataset + ".parquet");
        Path partial = directory.resolve("." + dataset + ".parquet.partial");
        try {
            copy(duck, writing, result, result.schema(), dataset, partial, compression);
            move(partial, target);
            return target;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the next write replaces it; nothing reads a partial file
            }
        }
    }

    /** @return an in-memory DuckDB that writes rows in the order it is handed them */
    static Connection writingDatabase(String memoryLimit) throws SQLException {
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET memory_limit = '" + memoryLimit + "'");
            s.execute("SET preserve_insertion_order = true");
            return duck;
        } catch (SQLException | RuntimeException e) {
            duck.close();
            throw e;
        }
    }

    /**
     * Streams batches through DuckDB into one Parquet file, with the column types of a SQL session.
     *
     * @return the rows written
     */
    static long copy(Connection duck, BufferAllocator allocator, BatchCursor batches, Schema schema, String dataset,
                     Path file, String compression) throws SQLException {
        return ArrowImport.with(duck, allocator, batches, schema, (statement, stream) -> statement.execute(
                "COPY (" + DuckDbTypes.typedSelect(stream, schema, dataset) + ") TO '"
                        + file.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION " + compression + ")"));
    }

    /** @return the compression, lower case, if Parquet through DuckDB knows it */
    static String checkedCompression(String value) {
        String c = Objects.requireNonNull(value, "compression").toLowerCase(java.util.Locale.ROOT);
        if (!List.of("zstd", "snappy", "gzip", "uncompressed").contains(c)) {
            throw new IllegalArgumentException("a Parquet compression is zstd, snappy, gzip or uncompressed;"
                    + " got '" + value + "'");
        }
        return c;
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new PortException("the file system of " + to + " cannot replace a file atomically; write the"
                        + " Parquet files to a local file system", e);
            }
        } catch (IOException e) {
            throw new PortException("moving " + from + " to " + to + " failed (" + e.getMessage() + ")", e);
        }
    }

    /** Builds a {@link ParquetWriter}. */
    public static final class Builder {
        private final ProductReader reader;
        private final List<String> datasets;
        private Principal audience;
        private BufferAllocator allocator;
        private String name = DEFAULT_NAME;
        private String memoryLimit = SqlSessions.DEFAULT_MEMORY_LIMIT;
        private String compression = "zstd";

        private Builder(ProductReader reader, List<String> datasets) {
            this.reader = Objects.requireNonNull(reader, "reader");
            this.datasets = new ArrayList<>(datasets);
        }

        /** @param value the principal the files are written for (required) @return this builder */
        public Builder audience(Principal value) {
            this.audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /** @param value the allocator of the batches while writing (required) @return this builder */
        public Builder allocator(BufferAllocator value) {
            this.allocator = Objects.requireNonNull(value, "allocator");
            return this;
        }

        /** @param value the port name in audit records (default {@value #DEFAULT_NAME}) @return this builder */
        public Builder name(String value) {
            this.name = SqlSessions.checkedName(value);
            return this;
        }

        /** @param value DuckDB's memory limit while writing, as in {@code 512MB} @return this builder */
        public Builder memoryLimit(String value) {
            this.memoryLimit = SqlSessions.checkedMemoryLimit(value);
            return this;
        }

        /**
         * @param value the Parquet compression: {@code zstd} (default), {@code snappy}, {@code gzip} or
         *     {@code uncompressed}
         * @return this builder
         */
        public Builder compression(String value) {
            this.compression = checkedCompression(value);
            return this;
        }

        /** @return the writer */
        public ParquetWriter build() {
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("give at least one dataset to write");
            }
            return new ParquetWriter(this);
        }
    }
}

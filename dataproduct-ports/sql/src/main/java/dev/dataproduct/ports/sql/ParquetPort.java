package dev.dataproduct.ports.sql;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.ports.files.FileSetOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A delivery port writing each committed snapshot, as its audience may read it, as Parquet files:
 * one {@code <dataset>.parquet} per dataset the audience may read, with {@code _snapshot.json}, in a
 * new set of files that replaces the previous one at once (see {@link FileSetOutput}: a reader that
 * resolves {@code CURRENT} never sees the file of one snapshot beside another's). The runtime hands
 * the port the snapshot already read through the product's read path as the port's audience, so
 * the files hold exactly what that principal would read on any other port; there is no unfiltered
 * side door. Rows stream through an in-memory DuckDB (Arrow C stream interface) into
 * {@code COPY ... TO ... (FORMAT parquet)}, with the column types of a SQL session; the files are
 * readable by DuckDB, Spark and pandas (pyarrow).
 *
 * {@snippet :
 * OutputPort parquet = ParquetPort.at(Path.of("out/parquet"))
 *     .audience(Principal.of("analytics", "analyst"))
 *     .compression("snappy");
 * }
 *
 * <p>To write a snapshot for an audience outside a run, use {@link ParquetWriter}.
 */
public final class ParquetPort extends FileSetOutput<ParquetPort> {
    /** The extension of the data files. */
    public static final String EXTENSION = ".parquet";

    private final Settings settings;
    private final String compression;
    private final String memoryLimit;

    private ParquetPort(Settings settings, String compression, String memoryLimit) {
        super(settings);
        this.settings = settings;
        this.compression = compression;
        this.memoryLimit = memoryLimit;
    }

    /**
     * Creates a port, named {@value ParquetWriter#DEFAULT_NAME}, that delivers to a directory for the
     * {@link dev.dataproduct.api.port.OutputPort#ANONYMOUS anonymous} audience until told another with
     * {@link #audience}.
     *
     * @param directory where the sets of files go; created on the first publication
     * @return the port
     */
    public static ParquetPort at(Path directory) {
        return new ParquetPort(Settings.of(ParquetWriter.DEFAULT_NAME, directory), "zstd",
                SqlSessions.DEFAULT_MEMORY_LIMIT);
    }

    /**
     * @param value the Parquet compression: {@code zstd} (default), {@code snappy}, {@code gzip} or
     *     {@code uncompressed}
     * @return a copy that writes with it
     * @throws IllegalArgumentException for another compression
     */
    public ParquetPort compression(String value) {
        return new ParquetPort(settings, ParquetWriter.checkedCompression(value), memoryLimit);
    }

    /**
     * @param value DuckDB's memory limit while writing, as in {@code 512MB} (default
     *     {@value SqlSessions#DEFAULT_MEMORY_LIMIT})
     * @return a copy that writes with it
     * @throws IllegalArgumentException if the value is not a size with a unit
     */
    public ParquetPort memoryLimit(String value) {
        return new ParquetPort(settings, compression, SqlSessions.checkedMemoryLimit(value));
    }

    @Override
    protected ParquetPort with(Settings changed) {
        return new ParquetPort(changed, compression, memoryLimit);
    }

    @Override
    protected String format() {
        return "parquet";
    }

    @Override
    protected String extension() {
        return EXTENSION;
    }

    @Override
    protected long writeFile(Dataset dataset, Path file, BufferAllocator allocator) throws IOException {
        try (Connection duck = ParquetWriter.writingDatabase(memoryLimit);
             BufferAllocator writing = allocator.newChildAllocator("parquet-" + dataset.name(), 0, Long.MAX_VALUE)) {
            BatchCursor batches = dataset.open();
            // the stream handed to DuckDB closes the cursor
            return ParquetWriter.copy(duck, writing, batches, dataset.schema().toArrow(), dataset.name(), file,
                    compression);
        } catch (SQLException e) {
            throw new IOException("DuckDB could not write Parquet (" + e.getMessage() + "); check the memory limit ("
                    + memoryLimit + ")", e);
        }
    }
}

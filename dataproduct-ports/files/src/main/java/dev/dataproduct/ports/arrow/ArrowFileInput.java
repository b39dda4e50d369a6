package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowIpcDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input port that reads an Arrow IPC <em>file</em> (the random-access format with a footer,
 * usually named {@code *.arrow} or {@code *.feather}), batch by batch.
 *
 * <pre>{@code
 * InputPort orders = ArrowFileInput.of("orders", Path.of("data/orders.arrow"));
 * }</pre>
 *
 * <p>The schema of the dataset is the file's Arrow schema read back as an SDK
 * {@link Schema}; a field of an Arrow type the SDK does not support makes
 * {@link #open(InputContext)} fail. Each {@link Dataset#open()} opens the file afresh, so the
 * dataset can be read any number of times; the cursor closes the file when it is closed.
 * Compressed IPC files (LZ4 or ZSTD buffers) are not supported. Every length the file declares is
 * checked against its size before Arrow reads it, so a damaged file fails with the file and the
 * byte offset of the damage (see {@link dev.dataproduct.core.io.IpcFraming}).
 */
public final class ArrowFileInput implements InputPort {
    private final String name;
    private final Path file;

    private ArrowFileInput(String name, Path file) {
        this.name = Objects.requireNonNull(name, "name");
        this.file = Objects.requireNonNull(file, "file");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an input port name must not be blank");
        }
    }

    /**
     * Creates a port over one Arrow IPC file. Nothing is read until {@link #open(InputContext)}.
     *
     * @param name the port name, which is also the name transforms read the input by
     * @param file the Arrow IPC file
     * @return the port
     * @throws IllegalArgumentException if the name is blank
     */
    public static ArrowFileInput of(String name, Path file) {
        return new ArrowFileInput(name, file);
    }

    /** @return the file this port reads */
    public Path file() {
        return file;
    }

    /** @return kind {@code file}, format {@code arrow-ipc}, location the path of the file */
    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "file", "arrow-ipc", file.toString());
    }

    /**
     * Reads the schema of the file and returns a dataset over its batches.
     *
     * @param context the run's allocator is used for every batch read
     * @return a dataset named like the port
     * @throws PortException if the file is missing, unreadable, not an Arrow IPC file or damaged, or if
     *     one of its fields has an Arrow type the SDK does not support
     */
    @Override
    public Dataset open(InputContext context) {
        Objects.requireNonNull(context, "context");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PortException("input port '" + name + "': cannot read Arrow file '" + file + "'"
                    + (Files.exists(file) ? " (it is not a readable regular file)" : " (it does not exist)")
                    + "; check the path and its permissions, or write the file before the run");
        }
        try {
            return ArrowIpcDataset.ofFile(name, file, context.allocator());
        } catch (PortException e) {
            // keep the cause the reader reported (an unsupported type shows up as IllegalArgumentException)
            throw new PortException("input port '" + name + "': " + e.getMessage(),
                    e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            // Arrow reports a file without the IPC magic bytes as an unchecked InvalidArrowFileException
            throw new PortException("input port '" + name + "': cannot read '" + file + "' as an Arrow IPC file ("
                    + e.getMessage() + "); check that it is an uncompressed Arrow IPC file (not the stream format, "
                    + "not Parquet)", e);
        }
    }

    @Override
    public String toString() {
        return "ArrowFileInput[" + name + ", " + file + "]";
    }
}

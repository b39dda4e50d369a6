package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An output port that publishes every committed snapshot as Arrow IPC files in a directory: one
 * {@code <dataset>.arrow} file per dataset, then {@code _snapshot.json} describing the snapshot
 * (id, sequence, parent, commit time, product address and version, row counts and file names).
 *
 * <pre>{@code
 * OutputPort files = ArrowFileOutput.at(Path.of("out")).named("purchases-files");
 * }</pre>
 *
 * <p>Each file is written to a hidden temporary file in the same directory and then moved over the
 * old one in one atomic rename, so a reader of a file sees the previous snapshot's content or the
 * new one, never half of either; a crash leaves the previous files intact (and at worst a
 * temporary file ending in {@code .tmp}, which the next publication removes, so two ports must not
 * publish to one directory at the same time). {@code _snapshot.json} is replaced last, so the snapshot
 * it names always has all its data files in place. Files of datasets that a later snapshot no
 * longer has are left where they are.
 *
 * <p>Batches are streamed from the snapshot to the file; memory use is bounded by one batch.
 * Memory comes from the allocator of the {@link OutputContext} given to {@link #open}.
 */
public final class ArrowFileOutput implements OutputPort {
    /** The default port name. */
    public static final String DEFAULT_NAME = "arrow-files";
    /** The name of the file that describes the published snapshot. */
    public static final String SNAPSHOT_FILE = "_snapshot.json";
    /** The extension of the data files. */
    public static final String EXTENSION = ".arrow";

    private final String name;
    private final Path directory;
    private volatile BufferAllocator allocator;

    private ArrowFileOutput(String name, Path directory) {
        this.name = Objects.requireNonNull(name, "name");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an output port name must not be blank");
        }
    }

    /**
     * Creates a port, named {@value #DEFAULT_NAME}, that publishes to a directory. The directory
     * is created on the first publication if it does not exist.
     *
     * @param directory where the files go
     * @return the port
     */
    public static ArrowFileOutput at(Path directory) {
        return new ArrowFileOutput(DEFAULT_NAME, directory);
    }

    /**
     * @param newName the port name, unique within the product
     * @return a new, unopened port with the same directory and another name
     * @throws IllegalArgumentException if the name is blank
     */
    public ArrowFileOutput named(String newName) {
        return new ArrowFileOutput(newName, directory);
    }

    /** @return the directory the port publishes to */
    public Path directory() {
        return directory;
    }

    /** @return kind {@code file}, format {@code arrow-ipc}, location the directory */
    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "file", "arrow-ipc", directory.toString());
    }

    /**
     * Keeps the context's allocator for the publications that follow.
     *
     * @param context the run's allocator and clock
     */
    @Override
    public void open(OutputContext context) {
        this.allocator = Objects.requireNonNull(context, "context").allocator();
    }

    /**
     * Writes each dataset of the snapshot to {@code <directory>/<dataset>.arrow}, then
     * {@code _snapshot.json}, each file replaced atomically.
     *
     * @param snapshot the committed snapshot
     * @throws IllegalStateException if the port was not opened
     * @throws PortException if the directory cannot be created or written, or a dataset name
     *     cannot be a file name
     */
    @Override
    public void publish(CommittedSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        BufferAllocator alloc = allocator;
        if (alloc == null) {
            throw new IllegalStateException("output port '" + name + "' was not opened; call open(OutputContext) "
                    + "before publish");
        }
        List<String> names = orderedNames(snapshot);
        for (String dataset : names) {
            checkFileName(dataset);
        }
        try {
            Files.createDirectories(directory);
            // a publication killed part way leaves temporary files that no later one would replace
            AtomicFiles.removeLeftovers(directory);
        } catch (IOException e) {
            throw new PortException("output port '" + name + "': cannot create or clean directory '" + directory
                    + "' (" + e + "); check the path and its permissions", e);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String dataset : names) {
            try {
                rows.put(dataset, write(snapshot.dataset(dataset), directory.resolve(fileName(dataset)), alloc));
            } catch (PortException e) {
                throw new PortException("output port '" + name + "' could not publish snapshot '"
                        + snapshot.info().id() + "': " + e.getMessage(), e);
            }
        }
        byte[] json = SnapshotJson.render(snapshot.info(), rows).getBytes(StandardCharsets.UTF_8);
        Path target = directory.resolve(SNAPSHOT_FILE);
        try {
            AtomicFiles.write(target, channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
        } catch (IOException e) {
            throw new PortException("output port '" + name + "': cannot write '" + target + "' (" + e
                    + "); check free space and permissions of the directory", e);
        }
    }

    /**
     * Writes a dataset to an Arrow IPC file, atomically: the content goes to a temporary file in the
     * same directory that is then moved over {@code file}. Batches are streamed, one at a time.
     *
     * @param dataset the dataset; every batch must have the Arrow layout of its schema
     * @param file the file to create or replace; its directory must exist
     * @param allocator where the writer's batch memory comes from
     * @return the number of rows written
     * @throws PortException if the file cannot be written, or a batch does not match the schema;
     *     the previous content of {@code file} is then left as it was
     */
    public static long write(Dataset dataset, Path file, BufferAllocator allocator) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(allocator, "allocator");
        Schema arrowSchema = dataset.schema().toArrow();
        long[] rows = {0};
        try (BatchCursor cursor = dataset.open()) {
            AtomicFiles.write(file, channel -> {
                try (ArrowIpcWriter writer = ArrowIpcWriter.open(channel, arrowSchema, allocator, file.toString())) {
                    long batch = 0;
                    while (cursor.next()) {
                        VectorSchemaRoot in = cursor.batch();
                        checkLayout(dataset.name(), batch++, arrowSchema, in.getSchema());
                        writer.write(in);
                    }
                    rows[0] = writer.rows();
                }
            });
        } catch (IOException e) {
            throw new PortException("cannot write dataset '" + dataset.name() + "' to '" + file + "' (" + e
                    + "); check free space and permissions of the directory", e);
        }
        return rows[0];
    }

    /** Closes the port; it must be opened again before the next publication. */
    @Override
    public void close() {
        allocator = null;
    }

    @Override
    public String toString() {
        return "ArrowFileOutput[" + name + ", " + directory + "]";
    }

    static String fileName(String dataset) {
        return dataset + EXTENSION;
    }

    private void checkFileName(String dataset) {
        boolean bad = dataset.isBlank() || dataset.startsWith(".") || dataset.indexOf('/') >= 0
                || dataset.indexOf('\\') >= 0 || dataset.indexOf(':') >= 0 || dataset.indexOf('\0') >= 0;
        if (bad) {
            throw new PortException("output port '" + name + "': dataset name '" + dataset + "' cannot be used as a "
                    + "file name; use letters, digits, '-' and '_' in dataset names");
        }
    }

    /** Dataset order of the snapshot's row counts first, then any others by name. */
    private static List<String> orderedNames(CommittedSnapshot snapshot) {
        List<String> names = new ArrayList<>();
        for (String n : snapshot.info().rowCounts().keySet()) {
            if (snapshot.datasetNames().contains(n)) {
                names.add(n);
            }
        }
        for (String n : new TreeSet<>(snapshot.datasetNames())) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    private static void checkLayout(String dataset, long batch, Schema expected, Schema actual) {
        List<Field> e = expected.getFields();
        List<Field> a = actual.getFields();
        boolean same = e.size() == a.size();
        for (int i = 0; same && i < e.size(); i++) {
            same = e.get(i).getName().equals(a.get(i).getName()) && sameLayout(e.get(i), a.get(i));
        }
        if (!same) {
            throw new PortException("batch " + batch + " of dataset '" + dataset + "' has Arrow schema " + actual
                    + " but the dataset declares " + expected + "; a dataset's batches must follow its schema");
        }
    }

    /** Whether vectors of the two fields have the same buffers, so one can be loaded into the other. */
    private static boolean sameLayout(Field expected, Field actual) {
        ArrowType e = expected.getType();
        ArrowType a = actual.getType();
        boolean sameType;
        if (e instanceof ArrowType.Timestamp et && a instanceof ArrowType.Timestamp at) {
            sameType = et.getUnit() == at.getUnit() && (et.getTimezone() == null) == (at.getTimezone() == null);
        } else {
            sameType = e.equals(a);
        }
        if (!sameType || expected.getChildren().size() != actual.getChildren().size()
                || actual.getDictionary() != null) {
            return false;
        }
        for (int i = 0; i < expected.getChildren().size(); i++) {
            Field ec = expected.getChildren().get(i);
            Field ac = actual.getChildren().get(i);
            // list children may be named "item" or "$data$"; struct children are matched by name
            if (e instanceof ArrowType.Struct && !ec.getName().equals(ac.getName()) || !sameLayout(ec, ac)) {
                return false;
            }
        }
        return true;
    }
}

package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.ports.files.AtomicFiles;
import dev.dataproduct.ports.files.FileSet;
import dev.dataproduct.ports.files.FileSetOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A delivery port that writes each committed snapshot, as its audience may read it, as Arrow IPC
 * files: one {@code <dataset>.arrow} file per dataset the audience may read, and
 * {@code _snapshot.json} describing the snapshot (id, sequence, parent, commit time, product
 * address and version, format, audience, row counts and file names), together in a new set that
 * replaces the previous one at once (see {@link FileSetOutput} and {@link FileSet}).
 *
 * <pre>{@code
 * OutputPort files = ArrowFileOutput.at(Path.of("out")).named("purchases-files")
 *     .audience(Principal.of("analyst-files", "analyst"));
 * Path purchases = FileSet.current(Path.of("out")).orElseThrow().resolve("purchases.arrow");
 * }</pre>
 *
 * <p>Batches are streamed from the read path to the file; memory use is bounded by one batch.
 * Memory comes from the allocator of the {@link dev.dataproduct.api.port.OutputContext} given to
 * {@link #open}.
 */
public final class ArrowFileOutput extends FileSetOutput<ArrowFileOutput> {
    /** The default port name. */
    public static final String DEFAULT_NAME = "arrow-files";
    /** The name of the file that describes the delivered snapshot, in each set. */
    public static final String SNAPSHOT_FILE = FileSet.MANIFEST;
    /** The extension of the data files. */
    public static final String EXTENSION = ".arrow";

    private ArrowFileOutput(Settings settings) {
        super(settings);
    }

    /**
     * Creates a port, named {@value #DEFAULT_NAME}, that delivers to a directory for the
     * {@link dev.dataproduct.api.port.OutputPort#ANONYMOUS anonymous} audience until told another
     * with {@link #audience}. The directory is created on the first publication if it does not
     * exist.
     *
     * @param directory where the sets of files go
     * @return the port
     */
    public static ArrowFileOutput at(Path directory) {
        return new ArrowFileOutput(Settings.of(DEFAULT_NAME, directory));
    }

    @Override
    protected ArrowFileOutput with(Settings changed) {
        return new ArrowFileOutput(changed);
    }

    /** @return {@code arrow-ipc} */
    @Override
    protected String format() {
        return "arrow-ipc";
    }

    /** @return {@value #EXTENSION} */
    @Override
    protected String extension() {
        return EXTENSION;
    }

    /**
     * Writes a dataset of the set being built, in the Arrow IPC file format.
     *
     * @param dataset the rows the audience may read
     * @param file the new file
     * @param allocator where the writer's batch memory comes from
     * @return the rows written
     */
    @Override
    protected long writeFile(Dataset dataset, Path file, BufferAllocator allocator) {
        return write(dataset, file, allocator, false);
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
        return write(dataset, file, allocator, true);
    }

    private static long write(Dataset dataset, Path file, BufferAllocator allocator, boolean atomically) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(allocator, "allocator");
        Schema arrowSchema = dataset.schema().toArrow();
        long[] rows = {0};
        try (BatchCursor cursor = dataset.open()) {
            AtomicFiles.ChannelWriter content = channel -> {
                try (ArrowIpcWriter writer = ArrowIpcWriter.open(channel, arrowSchema, allocator, file.toString())) {
                    long batch = 0;
                    while (cursor.next()) {
                        VectorSchemaRoot in = cursor.batch();
                        checkLayout(dataset.name(), batch++, arrowSchema, in.getSchema());
                        writer.write(in);
                    }
                    rows[0] = writer.rows();
                }
            };
            if (atomically) {
                AtomicFiles.write(file, content);
            } else {
                // a file of a set nobody reads before it is complete needs no rename of its own
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    content.write(channel);
                }
            }
        } catch (IOException e) {
            throw new PortException("cannot write dataset '" + dataset.name() + "' to '" + file + "' (" + e
                    + "); check free space and permissions of the directory", e);
        }
        return rows[0];
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

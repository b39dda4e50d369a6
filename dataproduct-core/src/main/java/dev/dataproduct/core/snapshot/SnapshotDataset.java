package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.Selection;
import dev.dataproduct.core.io.ArrowIpcDataset;
import dev.dataproduct.core.io.IpcBatches;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The live rows of a dataset spread over several files, each with its deletion vector: the files
 * in order, with the rows the vectors name left out. A batch without deleted rows is passed
 * through as read; one with some is copied without them. A part may instead name the only rows
 * kept (how the rows a snapshot changed are read from files it shares with its parent).
 */
final class SnapshotDataset implements Dataset, IpcBatches.Source {
    private final String name;
    private final List<Part> parts;
    private final BufferAllocator allocator;

    /**
     * Some rows of one file.
     *
     * @param file the file
     * @param positions sorted row positions, read when the file is reached
     * @param keep whether the positions are the rows kept (else the rows left out)
     */
    record Part(ArrowIpcDataset file, Supplier<long[]> positions, boolean keep) {
        /** The live rows of a listed file: its rows but those its deletion vector names. */
        static Part live(String name, Path productDir, DataFile f, BufferAllocator allocator) {
            Path deletes = f.deletes().isEmpty() ? null : productDir.resolve(f.deletes());
            return new Part(ArrowIpcDataset.ofFile(name, productDir.resolve(f.path()), allocator),
                    () -> deletes == null ? new long[0] : Keys.read(deletes), false);
        }
    }

    SnapshotDataset(String name, Path productDir, List<DataFile> files, BufferAllocator allocator) {
        this(name, files.stream().map(f -> Part.live(name, productDir, f, allocator)).toList(), allocator);
    }

    /** @param parts the parts in order; at least one, which carries the schema even when it keeps no row */
    SnapshotDataset(String name, List<Part> parts, BufferAllocator allocator) {
        this.name = name;
        this.allocator = allocator;
        this.parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalStateException("dataset '" + name + "' lists no file");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return parts.get(0).file().schema();
    }

    /**
     * A dataset of one whole file (no deleted rows, not a selection of its rows) is that file's
     * batches; any other is not passed on as stored.
     */
    @Override
    public Optional<IpcBatches> storedBatches() {
        if (parts.size() != 1) {
            return Optional.empty();
        }
        Part only = parts.get(0);
        return !only.keep() && only.positions().get().length == 0 ? only.file().storedBatches() : Optional.empty();
    }

    @Override
    public BatchCursor open() {
        return new BatchCursor() {
            private int file = -1;
            private BatchCursor inner;
            private long[] positions = new long[0];
            private boolean keep;
            private long base;
            private VectorSchemaRoot copy;
            private VectorSchemaRoot current;

            @Override
            public boolean next() {
                releaseCopy();
                while (true) {
                    if (inner != null && inner.next()) {
                        VectorSchemaRoot batch = inner.batch();
                        int n = batch.getRowCount();
                        current = filter(batch, n);
                        base += n;
                        if (current.getRowCount() > 0) {
                            return true;
                        }
                        releaseCopy();
                        continue;
                    }
                    if (inner != null) {
                        inner.close();
                        inner = null;
                    }
                    if (++file >= parts.size()) {
                        current = null;
                        return false;
                    }
                    Part part = parts.get(file);
                    positions = part.positions().get();
                    keep = part.keep();
                    if (keep && positions.length == 0) {
                        continue;  // nothing of this file: not even opened
                    }
                    inner = part.file().open();
                    base = 0;
                }
            }

            private VectorSchemaRoot filter(VectorSchemaRoot batch, int n) {
                int from = Arrays.binarySearch(positions, base);
                from = from < 0 ? -from - 1 : from;
                BitSet named = new BitSet(n);
                for (int i = from; i < positions.length && positions[i] < base + n; i++) {
                    named.set((int) (positions[i] - base));
                }
                if (keep ? named.cardinality() == n : named.isEmpty()) {
                    return batch;
                }
                Selection rows = Selection.of(named, n);
                copy = (keep ? rows : rows.invert()).copyRows(batch, batch.getSchema(), allocator);
                return copy;
            }

            private void releaseCopy() {
                if (copy != null) {
                    copy.close();
                    copy = null;
                }
            }

            @Override
            public VectorSchemaRoot batch() {
                if (current == null) {
                    throw new IllegalStateException("the cursor over dataset '" + name + "' is not on a batch");
                }
                return current;
            }

            @Override
            public void close() {
                releaseCopy();
                current = null;
                if (inner != null) {
                    inner.close();
                    inner = null;
                }
                file = parts.size();
            }
        };
    }
}

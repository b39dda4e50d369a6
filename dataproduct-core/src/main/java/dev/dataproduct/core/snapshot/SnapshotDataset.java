package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.Selection;
import dev.dataproduct.core.io.ArrowIpcDataset;
import dev.dataproduct.core.io.IpcBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The live rows of a dataset spread over several files, each with its deletion vector: the files
 * in order, with the rows the vectors name left out. A batch without deleted rows is passed
 * through as read; one with some is copied without them.
 */
final class SnapshotDataset implements Dataset, IpcBatches.Source {
    private final String name;
    private final List<ArrowIpcDataset> files = new ArrayList<>();
    private final List<Path> deletes = new ArrayList<>();
    private final BufferAllocator allocator;

    SnapshotDataset(String name, Path productDir, List<DataFile> parts, BufferAllocator allocator) {
        this.name = name;
        this.allocator = allocator;
        for (DataFile f : parts) {
            files.add(ArrowIpcDataset.ofFile(name, productDir.resolve(f.path()), allocator));
            deletes.add(f.deletes().isEmpty() ? null : productDir.resolve(f.deletes()));
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("dataset '" + name + "' lists no file");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return files.get(0).schema();
    }

    /** A dataset of one file without deleted rows is that file's batches; any other is not passed on as stored. */
    @Override
    public Optional<IpcBatches> storedBatches() {
        return files.size() == 1 && deletes.get(0) == null ? files.get(0).storedBatches() : Optional.empty();
    }

    @Override
    public BatchCursor open() {
        return new BatchCursor() {
            private int file = -1;
            private BatchCursor inner;
            private long[] deleted = new long[0];
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
                    if (++file >= files.size()) {
                        current = null;
                        return false;
                    }
                    inner = files.get(file).open();
                    deleted = deletes.get(file) == null ? new long[0] : Keys.read(deletes.get(file));
                    base = 0;
                }
            }

            private VectorSchemaRoot filter(VectorSchemaRoot batch, int n) {
                int from = Arrays.binarySearch(deleted, base);
                from = from < 0 ? -from - 1 : from;
                List<Integer> gone = new ArrayList<>();
                for (int i = from; i < deleted.length && deleted[i] < base + n; i++) {
                    gone.add((int) (deleted[i] - base));
                }
                if (gone.isEmpty()) {
                    return batch;
                }
                copy = Selection.allBut(gone, n).copyRows(batch, batch.getSchema(), allocator);
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
                file = files.size();
            }
        };
    }
}

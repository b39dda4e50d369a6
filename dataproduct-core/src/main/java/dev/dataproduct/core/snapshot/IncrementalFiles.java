package dev.dataproduct.core.snapshot;

import dev.dataproduct.core.io.ArrowIpcDataset;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.vector.VectorSchemaRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Decides the files of one dataset in a new snapshot from the file its run wrote and the files of
 * the previous snapshot, writing into the staging directory the key indexes and deletion vectors
 * that needs. Nothing of the previous snapshot is rewritten: an upsert reads the previous files'
 * key indexes (8 bytes a row, sequentially) and writes a new deletion vector only for a file that
 * loses rows; a file that loses all its rows is left out. Compaction rewrites them the other way.
 */
final class IncrementalFiles {
    private final Path productDir;
    private final Path staging;
    private final String prefix;
    private final BufferAllocator allocator;

    /**
     * @param productDir the product's directory, which paths in manifests are relative to
     * @param staging the new snapshot's directory, before it moves into place
     * @param prefix the new snapshot's directory relative to the product's, ending in {@code /}
     * @param allocator for reading key columns
     */
    IncrementalFiles(Path productDir, Path staging, String prefix, BufferAllocator allocator) {
        this.productDir = productDir;
        this.staging = staging;
        this.prefix = prefix;
        this.allocator = allocator;
    }

    List<DataFile> write(String name, long rows, WriteMode mode, List<DataFile> previous, List<Long> deleted) {
        String own = StagedTransaction.DATA + "/" + name + ".arrow";
        List<String> keys = mode.keyColumns();
        if (keys.isEmpty()) {
            DataFile written = new DataFile(prefix + own, rows, "", "", 0);
            if (mode instanceof WriteMode.Append) {
                List<DataFile> out = new ArrayList<>(previous);
                out.add(written);
                return out;
            }
            return List.of(written);
        }
        // the rows of this run: the last of a key wins, and a deleted key goes
        long[] hashes = hashes(staging.resolve(own), keys, rows, name);
        LongHashSet gone = new LongHashSet(deleted.size());
        deleted.forEach(gone::add);
        LongHashSet seen = new LongHashSet(hashes.length);
        long[] ownDeletes = new long[hashes.length];
        int ownDeleted = 0;
        for (int r = hashes.length - 1; r >= 0; r--) {
            if (gone.contains(hashes[r]) || seen.contains(hashes[r])) {
                ownDeletes[ownDeleted++] = r;
            }
            seen.add(hashes[r]);
        }
        deleted.forEach(seen::add);
        String keyFile = "keys/" + name + ".keys";
        writeLongs(keyFile, hashes, hashes.length);
        reverse(ownDeletes, ownDeleted);
        List<DataFile> out = new ArrayList<>();
        if (mode instanceof WriteMode.Upsert) {
            for (int i = 0; i < previous.size(); i++) {
                DataFile f = masked(previous.get(i), name + "-" + i, keys, seen);
                if (f.live() > 0) {
                    out.add(f);
                }
            }
        } else if (mode instanceof WriteMode.Append) {
            out.addAll(previous);
        }
        String deletes = "";
        if (ownDeleted > 0) {
            deletes = prefix + "deletes/" + name + ".del";
            writeLongs("deletes/" + name + ".del", ownDeletes, ownDeleted);
        }
        DataFile written = new DataFile(prefix + own, rows, prefix + keyFile, deletes, ownDeleted);
        if (written.live() > 0 || out.isEmpty()) {
            out.add(written);  // a dataset keeps at least one file, which carries its schema
        }
        return out;
    }

    /** A previous file with the rows whose keys this run writes or deletes masked. */
    private DataFile masked(DataFile f, String label, List<String> keys, LongHashSet replaced) {
        String keyFile = f.keys();
        long[] hashes;
        if (keyFile.isEmpty()) {
            // written before the dataset had a key index: index it once, in this snapshot
            hashes = hashes(productDir.resolve(f.path()), keys, f.rows(), f.path());
            keyFile = prefix + "keys/" + label + ".keys";
            writeLongs("keys/" + label + ".keys", hashes, hashes.length);
        } else {
            hashes = Keys.read(productDir.resolve(keyFile));
        }
        long[] old = f.deletes().isEmpty() ? new long[0] : Keys.read(productDir.resolve(f.deletes()));
        long[] merged = new long[old.length + 16];
        int n = 0;
        int o = 0;
        for (int r = 0; r < hashes.length; r++) {
            boolean wasDeleted = o < old.length && old[o] == r;
            if (wasDeleted) {
                o++;
            }
            if (wasDeleted || replaced.contains(hashes[r])) {
                if (n == merged.length) {
                    merged = Arrays.copyOf(merged, merged.length * 2);
                }
                merged[n++] = r;
            }
        }
        if (n == old.length) {
            return new DataFile(f.path(), f.rows(), keyFile, f.deletes(), f.deleted());
        }
        String deletes = "deletes/" + label + ".del";
        writeLongs(deletes, merged, n);
        return new DataFile(f.path(), f.rows(), keyFile, prefix + deletes, n);
    }

    private long[] hashes(Path file, List<String> keys, long rows, String where) {
        long[] out = new long[Math.toIntExact(rows)];
        int[] at = {0};
        ArrowIpcDataset.ofFile(where, file, allocator).forEachBatch(batch -> {
            List<FieldVector> columns = Keys.columns(batch, keys, "dataset " + where);
            for (int r = 0; r < batch.getRowCount(); r++) {
                out[at[0]++] = Keys.hash(batch, columns, r);
            }
        });
        return out;
    }

    private void writeLongs(String relative, long[] values, int count) {
        Path file = staging.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        Keys.write(file, values, count);
    }

    private static void reverse(long[] a, int n) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Compaction: rewrites the live rows of a dataset's files into one file, with its key index when
     * every file had one, and proves the rewrite kept the rows: the new file is read back and its row
     * count and content checksum (the sum of a hash of every row's values) must equal those of the
     * old files.
     */
    DataFile rewrite(ProductAddress product, String name, List<DataFile> files) throws IOException {
        String relative = StagedTransaction.DATA + "/" + name + ".arrow";
        Path target = staging.resolve(relative);
        SnapshotDataset source = new SnapshotDataset(name, productDir, files, allocator);
        long[] before = new long[2];
        try (ArrowIpcWriter writer = ArrowIpcWriter.open(FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), source.schema().toArrow(), allocator, target.toString())) {
            source.forEachBatch(batch -> {
                checksum(batch, before);
                writer.write(batch);
            });
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        long[] after = new long[2];
        Dataset written = ArrowIpcDataset.ofFile(name, target, allocator);
        written.forEachBatch(batch -> checksum(batch, after));
        if (!Arrays.equals(before, after)) {
            throw new PortException("compacting dataset '" + name + "' of " + product + " would change it: "
                    + before[0] + " rows with checksum " + Long.toHexString(before[1]) + " became " + after[0]
                    + " rows with checksum " + Long.toHexString(after[1]) + "; nothing was committed");
        }
        String keys = "";
        if (files.stream().noneMatch(f -> f.keys().isEmpty())) {
            keys = prefix + "keys/" + name + ".keys";
            Files.createDirectories(staging.resolve("keys"));
            long[] live = liveKeys(files, before[0]);
            Keys.write(staging.resolve("keys/" + name + ".keys"), live, live.length);
        }
        return new DataFile(prefix + relative, after[0], keys, "", 0);
    }

    /** The key hashes of the live rows, in the order the rows are rewritten. */
    private long[] liveKeys(List<DataFile> files, long rows) {
        long[] out = new long[Math.toIntExact(rows)];
        int[] n = {0};
        forEachLiveKey(files, List.of(), h -> out[n[0]++] = h);
        return out;
    }

    /**
     * The key hashes of the live rows of a dataset's files, from their key indexes; a file written
     * without one is read for its keys.
     */
    LongHashSet liveKeySet(List<DataFile> files, List<String> keys) {
        long live = files.stream().mapToLong(DataFile::live).sum();
        LongHashSet set = new LongHashSet((int) Math.min(live, Integer.MAX_VALUE / 4));
        forEachLiveKey(files, keys, set::add);
        return set;
    }

    /** Calls back with the key hash of every live row of the files, in row order. */
    private void forEachLiveKey(List<DataFile> files, List<String> keys, java.util.function.LongConsumer action) {
        for (DataFile f : files) {
            long[] hashes = f.keys().isEmpty() ? hashes(productDir.resolve(f.path()), keys, f.rows(), f.path())
                    : Keys.read(productDir.resolve(f.keys()));
            long[] deleted = f.deletes().isEmpty() ? new long[0] : Keys.read(productDir.resolve(f.deletes()));
            int d = 0;
            for (int r = 0; r < hashes.length; r++) {
                if (d < deleted.length && deleted[d] == r) {
                    d++;
                } else {
                    action.accept(hashes[r]);
                }
            }
        }
    }

    /** Adds the batch's rows to a count and an order-free checksum of their values. */
    static void checksum(VectorSchemaRoot batch, long[] acc) {
        List<FieldVector> columns = batch.getFieldVectors();
        List<Object> values = new ArrayList<>(columns.size());
        for (int r = 0; r < batch.getRowCount(); r++) {
            values.clear();
            for (FieldVector v : columns) {
                values.add(v.getObject(r));
            }
            acc[0]++;
            acc[1] += Keys.hash(values);
        }
    }
}

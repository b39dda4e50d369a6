package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcDataset;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rewrites the live rows of a dataset's files into one file, with its key index when every file
 * had one, and proves the rewrite kept the rows: the new file is read back and its row count and
 * content checksum (the sum of a hash of every row's values) must equal those of the old files.
 */
final class Compaction {
    private final Path productDir;
    private final Path staging;
    private final String prefix;
    private final BufferAllocator allocator;

    Compaction(Path productDir, Path staging, String prefix, BufferAllocator allocator) {
        this.productDir = productDir;
        this.staging = staging;
        this.prefix = prefix;
        this.allocator = allocator;
    }

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
        int n = 0;
        for (DataFile f : files) {
            long[] hashes = Keys.read(productDir.resolve(f.keys()));
            long[] deleted = f.deletes().isEmpty() ? new long[0] : Keys.read(productDir.resolve(f.deletes()));
            int d = 0;
            for (int r = 0; r < hashes.length; r++) {
                if (d < deleted.length && deleted[d] == r) {
                    d++;
                } else {
                    out[n++] = hashes[r];
                }
            }
        }
        return out;
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

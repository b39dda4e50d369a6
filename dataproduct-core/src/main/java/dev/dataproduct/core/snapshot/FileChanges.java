package dev.dataproduct.core.snapshot;

import dev.dataproduct.core.io.ArrowIpcDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The rows one snapshot's dataset changed relative to its parent's, from their data files and
 * deletion vectors alone: a file only one of them lists brings all its live rows to one side; a
 * file both list changes only by the rows one deletion vector names and the other does not. No
 * row is compared by value, so the cost is that of the changed rows and the shared files'
 * deletion vectors.
 */
final class FileChanges {
    private final String name;
    private final Path productDir;
    private final BufferAllocator allocator;

    FileChanges(String name, Path productDir, BufferAllocator allocator) {
        this.name = name;
        this.productDir = productDir;
        this.allocator = allocator;
    }

    /**
     * @param into the files of the side whose live rows are counted
     * @param from the files of the other side ({@code null} when there is none: every row counts)
     * @return the rows live in {@code into} that are not live in {@code from}
     */
    SnapshotDataset liveOnlyIn(List<DataFile> into, List<DataFile> from) {
        Map<String, DataFile> other = new LinkedHashMap<>();
        if (from != null) {
            from.forEach(f -> other.put(f.path(), f));
        }
        List<SnapshotDataset.Part> parts = new ArrayList<>();
        for (DataFile f : into) {
            DataFile shared = other.get(f.path());
            if (shared == null) {
                parts.add(SnapshotDataset.Part.live(name, productDir, f, allocator));
            } else {
                // live here, deleted there: named by the other deletion vector and not by this one
                parts.add(new SnapshotDataset.Part(file(f), () -> minus(deletes(shared), deletes(f)), true));
            }
        }
        return new SnapshotDataset(name, parts, allocator);
    }

    /** @return no row, with the schema of the files */
    SnapshotDataset none(List<DataFile> files) {
        return new SnapshotDataset(name, List.of(new SnapshotDataset.Part(file(files.get(0)), () -> new long[0], true)),
                allocator);
    }

    /**
     * @param side which rows
     * @param files the snapshot's files of the dataset
     * @param parentFiles its parent's; {@code null} when the parent has no such dataset or there is no parent
     * @return those rows
     */
    SnapshotDataset rows(SnapshotRows side, List<DataFile> files, List<DataFile> parentFiles) {
        return switch (side) {
            case ALL -> new SnapshotDataset(name, productDir, files, allocator);
            case ADDED -> liveOnlyIn(files, parentFiles);
            case REMOVED -> parentFiles == null ? none(files) : liveOnlyIn(parentFiles, files);
        };
    }

    private ArrowIpcDataset file(DataFile f) {
        return ArrowIpcDataset.ofFile(name, productDir.resolve(f.path()), allocator);
    }

    private long[] deletes(DataFile f) {
        return f.deletes().isEmpty() ? new long[0] : Keys.read(productDir.resolve(f.deletes()));
    }

    /** The sorted positions of {@code a} that {@code b} lacks; both sorted. */
    static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        int n = 0;
        int j = 0;
        for (long v : a) {
            while (j < b.length && b[j] < v) {
                j++;
            }
            if (j >= b.length || b[j] != v) {
                out[n++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}

package dev.dataproduct.core.join;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.join.OnDuplicateKey;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorBatchAppender;

/**
 * The rows of a {@link HashJoin} that ran: its build side is in memory and its cardinality was
 * verified; each {@link #open()} streams the probe side again. The first complete pass sends the
 * probe side's quarantined rows to the reject sink and makes the {@link #report()}. Close it to
 * release the build side.
 *
 * <p>A joined batch is borrowed like any cursor's: valid until the cursor's next {@code next()} or
 * {@code close()}. When every row of a probe batch matches once, in order, the joined batch's probe
 * columns share that batch's buffers instead of copying them; copy what must outlive the batch.
 */
public final class JoinedRows implements Dataset, AutoCloseable {
    private static final int MAX_OUTPUT_ROWS = 1 << 16;

    private final HashJoin join;
    private final BufferAllocator allocator;
    private final BufferAllocator outputAllocator;
    private final boolean buildLeft;
    private final Dataset probe;
    private final String probeName;
    private final String buildName;
    private final List<String> probeKeys;
    private final VectorSchemaRoot build;
    private final KeyTable table;
    private final int[] rowKey;
    private final int[] keyStart;
    private final int[] keyRows;
    private final boolean[] bad;
    private final long buildNullKeys;
    private final long buildQuarantined;
    private final long buildDuplicateKeys;
    private final long probeDuplicateKeys;
    private final boolean identity;
    private final boolean anyBad;
    private final org.apache.arrow.vector.types.pojo.Schema arrowSchema;
    private final List<FieldVector> buildKeyVectors;
    /** Per output column from the build side, whether its build column holds a null. */
    private final boolean[] buildHasNulls;
    private JoinReport report;
    private boolean reported;

    JoinedRows(HashJoin join, BufferAllocator parent) {
        this.join = join;
        this.buildLeft = switch (join.buildSide()) {
            case LEFT -> true;
            case RIGHT -> false;
            case SMALLER -> join.left().countRows() < join.right().countRows();
        };
        this.probe = buildLeft ? join.right() : join.left();
        this.probeName = buildLeft ? join.rightName() : join.leftName();
        this.buildName = buildLeft ? join.leftName() : join.rightName();
        this.probeKeys = buildLeft ? join.rightKeys() : join.leftKeys();
        List<String> buildKeys = buildLeft ? join.leftKeys() : join.rightKeys();
        Dataset buildSide = buildLeft ? join.left() : join.right();
        this.outputAllocator = parent;
        this.allocator = parent.newChildAllocator("join " + join.leftName() + " x " + join.rightName(), 0,
                join.memoryLimit());
        VectorSchemaRoot root = null;
        try {
            root = readWhole(buildSide);
            this.build = root;
            this.arrowSchema = join.schema().toArrow();
            this.buildKeyVectors = buildKeys.stream().map(k -> (FieldVector) build.getVector(k)).toList();
            this.buildHasNulls = new boolean[join.columns().size()];
            for (int c = 0; c < buildHasNulls.length; c++) {
                HashJoin.Column col = join.columns().get(c);
                buildHasNulls[c] = col.left() == buildLeft && build.getVector(col.source()).getNullCount() > 0;
            }
            int n = build.getRowCount();
            this.table = new KeyTable(KeyTable.kindsOf(buildKeyVectors));
            table.indexDirectlyIfDense(buildKeyVectors.get(0), n);
            long nullKeys = 0;
            if (table.sequential()) {
                // the keys are their rows' offsets: no table to fill, no row-to-key map to keep
                this.rowKey = null;
            } else {
                this.rowKey = new int[n];
                long[] h = new long[n];
                boolean[] nulls = new boolean[n];
                table.hash(buildKeyVectors, n, h, nulls);
                for (int from = 0; from < n; from += 1 << 16) {
                    int to = Math.min(n, from + (1 << 16));
                    checkMemory(from, n);
                    table.addAll(buildKeyVectors, from, to, h, nulls, rowKey);
                }
                for (int r = 0; r < n; r++) {
                    nullKeys += nulls[r] ? 1 : 0;
                }
            }
            checkMemory(n, n);
            this.buildNullKeys = nullKeys;
            int keys = table.size();
            // every build row has its own key, ids given in row order: the key id is the row
            this.identity = keys == n;
            if (identity) {
                keyStart = null;
                keyRows = null;
            } else {
                keyStart = new int[keys + 1];
                for (int r = 0; r < n; r++) {
                    if (rowKey[r] >= 0) {
                        keyStart[rowKey[r] + 1]++;
                    }
                }
                for (int k = 0; k < keys; k++) {
                    keyStart[k + 1] += keyStart[k];
                }
                keyRows = new int[keyStart[keys]];
                int[] fill = Arrays.copyOf(keyStart, keys);
                for (int r = 0; r < n; r++) {
                    if (rowKey[r] >= 0) {
                        keyRows[fill[rowKey[r]]++] = r;
                    }
                }
            }
            bad = new boolean[keys];
            boolean buildUnique = buildLeft ? join.cardinality().leftUnique() : join.cardinality().rightUnique();
            boolean probeUnique = buildLeft ? join.cardinality().rightUnique() : join.cardinality().leftUnique();
            boolean buildRepeats = false;
            for (int k = 0; buildUnique && k < keys && !buildRepeats; k++) {
                buildRepeats = rowsOf(k) > 1;
            }
            long dupBuild = 0;
            long badBuildRows = 0;
            long dupProbe = 0;
            long badProbeRows = 0;
            // a repeated key fans out only where the other side has it: the probe side's keys decide
            if (buildRepeats || probeUnique) {
                byte[] hits = probeHits();
                for (int k = 0; k < keys; k++) {
                    int count = rowsOf(k);
                    if (buildUnique && count > 1 && hits[k] > 0) {
                        bad[k] = true;
                        dupBuild++;
                        badBuildRows += count;
                    }
                    if (probeUnique && hits[k] > 1) {
                        bad[k] = true;
                        dupProbe++;
                        badProbeRows += hits[k];
                    }
                }
            }
            this.buildDuplicateKeys = dupBuild;
            this.probeDuplicateKeys = dupProbe;
            long badKeys = 0;
            long quarantinedBuild = 0;
            for (int k = 0; k < keys; k++) {
                if (bad[k]) {
                    badKeys++;
                    quarantinedBuild += rowsOf(k);
                }
            }
            this.buildQuarantined = quarantinedBuild;
            this.anyBad = badKeys > 0;
            if (badKeys > 0 && join.onDuplicate() == OnDuplicateKey.REFUSE) {
                throw refusal(dupBuild, badBuildRows, dupProbe, badProbeRows, badKeys, quarantinedBuild);
            }
            if (badKeys > 0) {
                quarantineBuildRows();
            }
        } catch (OutOfMemoryException e) {
            closeAll(root);
            throw tooBig(e, root == null ? -1 : root.getRowCount());
        } catch (RuntimeException e) {
            closeAll(root);
            throw e;
        }
    }

    /** @return the build rows of a key */
    private int rowsOf(int key) {
        return keyStart == null ? 1 : keyStart[key + 1] - keyStart[key];
    }

    /** @return the key id of a build row, or -1 for a null key */
    private int keyOf(int row) {
        return rowKey == null ? row : rowKey[row];
    }

    private void closeAll(VectorSchemaRoot root) {
        if (root != null) {
            root.close();
        }
        allocator.close();
    }

    private VectorSchemaRoot readWhole(Dataset side) {
        VectorSchemaRoot whole = null;
        long rows = 0;
        try (BatchCursor cursor = side.open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                if (whole == null) {
                    whole = VectorSchemaRoot.create(batch.getSchema(), allocator);
                    // the appender needs a target with its buffers, an offset buffer among them
                    whole.allocateNew();
                }
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (rows + batch.getRowCount() > Integer.MAX_VALUE - 8) {
                    whole.close();
                    throw tooBig(null, rows);
                }
                List<FieldVector> targets = whole.getFieldVectors();
                for (int c = 0; c < targets.size(); c++) {
                    VectorBatchAppender.batchAppend(targets.get(c), batch.getVector(targets.get(c).getName()));
                }
                rows += batch.getRowCount();
                whole.setRowCount((int) rows);
            }
        } catch (OutOfMemoryException e) {
            if (whole != null) {
                whole.close();
            }
            throw tooBig(e, rows);
        }
        if (whole == null) {
            whole = VectorSchemaRoot.create(side.schema().toArrow(), allocator);
            whole.setRowCount(0);
        }
        return whole;
    }

    private void checkMemory(int rowsDone, int rows) {
        long used = allocator.getAllocatedMemory() + table.bytes() + 17L * rows;
        if (used > join.memoryLimit()) {
            throw tooBig(null, rowsDone);
        }
    }

    private JoinMemoryException tooBig(Throwable cause, long rows) {
        return new JoinMemoryException("join " + join.leftName() + " x " + join.rightName() + ": the build side '"
                + buildName + "' does not fit the join's memory limit of " + join.memoryLimit() + " bytes (after "
                + (rows < 0 ? "reading" : rows + " rows") + (table == null ? "" : " and " + table.size() + " distinct keys")
                + "); raise it with memoryLimit(bytes), or build on the smaller side (buildSide)", cause);
    }

    /** Counts the probe rows of each build key, up to 100. */
    private byte[] probeHits() {
        byte[] hits = new byte[table.size()];
        boolean[] nulls = new boolean[0];
        int[] found = new int[0];
        try (BatchCursor cursor = probe.open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                int n = batch.getRowCount();
                if (nulls.length < n) {
                    nulls = new boolean[n];
                    found = new int[n];
                }
                table.lookup(probeKeys.stream().map(k -> (FieldVector) batch.getVector(k)).toList(), n, nulls, found);
                for (int i = 0; i < n; i++) {
                    int k = found[i];
                    if (k >= 0 && hits[k] < 100) {
                        hits[k]++;
                    }
                }
            }
        }
        return hits;
    }

    private JoinRefusedException refusal(long dupBuild, long badBuildRows, long dupProbe, long badProbeRows,
                                         long badKeys, long buildRowsOfBadKeys) {
        Cardinality c = join.cardinality();
        StringBuilder m = new StringBuilder("join " + join.leftName() + " x " + join.rightName() + " on "
                + join.keyName() + " is declared " + c + " but ");
        List<String> parts = new ArrayList<>();
        if (dupBuild > 0) {
            parts.add(dupBuild + " keys occur more than once on the " + (buildLeft ? "left" : "right") + " side '"
                    + buildName + "' (" + badBuildRows + " rows)");
        }
        if (dupProbe > 0) {
            parts.add(dupProbe + " keys occur more than once on the " + (buildLeft ? "right" : "left") + " side '"
                    + probeName + "' (" + (badProbeRows > 99 ? "at least " : "") + badProbeRows + " rows)");
        }
        m.append(String.join(" and ", parts)).append(": joining them would count rows of the other side more than "
                + "once. Nothing was output; fix the input, declare the cardinality the data has, or quarantine "
                + "the rows of duplicated keys (OnDuplicateKey.QUARANTINE)");
        return new JoinRefusedException(m.toString(), badKeys, badBuildRows + badProbeRows);
    }

    private void quarantineBuildRows() {
        for (int r = 0; r < build.getRowCount(); r++) {
            if (keyOf(r) >= 0 && bad[keyOf(r)]) {
                join.rejects().orElseThrow().reject(new RejectedRow(buildName, "join " + join.leftName() + " x "
                        + join.rightName() + ", " + buildName + " row " + r, List.of(violation(buildLeft)),
                        RejectedRow.valuesOf(build, r)));
            }
        }
    }

    private Violation violation(boolean leftRow) {
        List<String> keys = leftRow ? join.leftKeys() : join.rightKeys();
        return new Violation(String.join(", ", keys), "cardinality", "the join " + join.leftName() + " x "
                + join.rightName() + " is declared " + join.cardinality() + " but this row's key occurs more than "
                + "once on a side declared one; every row of the key is quarantined so that no row is counted twice");
    }

    @Override
    public String name() {
        return join.leftName() + " x " + join.rightName();
    }

    @Override
    public Schema schema() {
        return join.schema();
    }

    /**
     * @return what the join did with each side's rows
     * @throws IllegalStateException before one pass over the rows has ended
     */
    public JoinReport report() {
        if (report == null) {
            throw new IllegalStateException("the join's report is made by its first complete pass over the rows; "
                    + "read them first");
        }
        return report;
    }

    /** @return the report, if one pass over the rows has ended */
    public Optional<JoinReport> reportIfDone() {
        return Optional.ofNullable(report);
    }

    @Override
    public BatchCursor open() {
        return new Cursor(!reported);
    }

    @Override
    public void close() {
        build.close();
        allocator.close();
    }

    /** One pass: the probe side's batches, each joined, then the build side's orphans if kept. */
    private final class Cursor implements BatchCursor {
        private final boolean first;
        private final BatchCursor probeCursor;
        private final long[] matched = new long[(table.size() + 63) >>> 6];
        private final JoinType type = join.type();
        private final boolean keepProbeOrphans = buildLeft ? type.keepsRightOrphans() : type.keepsLeftOrphans();
        private final boolean keepBuildOrphans = buildLeft ? type.keepsLeftOrphans() : type.keepsRightOrphans();
        private VectorSchemaRoot out;
        private VectorSchemaRoot probeBatch;
        private List<FieldVector> keys;
        private int[] probeIdx = new int[1024];
        private int[] buildIdx = new int[1024];
        private int pairs;
        /** Whether the pairs are the probe batch's rows, each once and in order (every probe row matched once). */
        private boolean wholeProbe;
        private int emitted;
        private long batchIndex = -1;
        private boolean probeDone;
        private boolean orphansDone;
        private long probeRows;
        private long probeMatched;
        private long probeOrphans;
        private long probeNullKeys;
        private long probeQuarantined;
        private long outputRows;
        private boolean[] nulls = new boolean[0];
        private int[] found = new int[0];

        Cursor(boolean first) {
            this.first = first;
            this.probeCursor = probe.open();
        }

        @Override
        public boolean next() {
            release();
            while (true) {
                if (emitted < pairs) {
                    emit();
                    return true;
                }
                if (!probeDone) {
                    if (probeCursor.next()) {
                        joinBatch(probeCursor.batch());
                    } else {
                        probeDone = true;
                        probeBatch = null;
                        pairs = 0;
                        wholeProbe = false;
                        emitted = 0;
                        if (keepBuildOrphans) {
                            buildOrphans();
                        }
                    }
                    continue;
                }
                if (!orphansDone) {
                    orphansDone = true;
                    finish();
                }
                return false;
            }
        }

        private void joinBatch(VectorSchemaRoot batch) {
            batchIndex++;
            probeBatch = batch;
            pairs = 0;
            wholeProbe = false;
            emitted = 0;
            int n = batch.getRowCount();
            probeRows += n;
            if (nulls.length < n) {
                nulls = new boolean[n];
                found = new int[n];
            }
            keys = probeKeys.stream().map(k -> (FieldVector) batch.getVector(k)).toList();
            ensure(n);
            boolean onlyMatches = identity && !anyBad && !keepProbeOrphans;
            if (onlyMatches) {
                int count = table.matchOffsets(keys, n, probeIdx, buildIdx);
                if (count >= 0) {
                    matchedRows(n, count);
                    return;
                }
            }
            table.lookup(keys, n, nulls, found);
            if (onlyMatches) {
                pairRows(n);
                return;
            }
            for (int i = 0; i < n; i++) {
                int k = found[i];
                if (k < 0) {
                    probeOrphans++;
                    if (nulls[i]) {
                        probeNullKeys++;
                    }
                    if (keepProbeOrphans) {
                        add(i, -1);
                    }
                } else if (anyBad && bad[k]) {
                    probeQuarantined++;
                    if (first) {
                        quarantineProbeRow(batch, i);
                    }
                } else {
                    probeMatched++;
                    matched[k >>> 6] |= 1L << k;
                    if (identity) {
                        // every build row has its own key, in row order: the key id is the row
                        add(i, k);
                    } else {
                        int end = keyStart[k + 1];
                        for (int j = keyStart[k]; j < end; j++) {
                            add(i, keyRows[j]);
                        }
                    }
                }
            }
        }

        /**
         * The pairs of a batch when each build row has its own key (its id), no key is quarantined
         * and probe orphans are dropped: the common many-to-one join of facts with a dimension,
         * in one loop without a call per pair.
         */
        private void pairRows(int n) {
            int[] p = probeIdx;
            int[] b = buildIdx;
            long[] m = matched;
            int[] ids = found;
            int count = 0;
            for (int i = 0; i < n; i++) {
                int k = ids[i];
                // written for every row, kept (count moves on) only for a match
                p[count] = i;
                b[count] = k;
                if (k >= 0) {
                    m[k >>> 6] |= 1L << k;
                    count++;
                } else if (nulls[i]) {
                    probeNullKeys++;
                }
            }
            pairs = count;
            wholeProbe = count == n;
            probeMatched += count;
            probeOrphans += n - count;
        }

        /** Counts the pairs {@link KeyTable#matchOffsets} wrote and marks their keys matched. */
        private void matchedRows(int n, int count) {
            long[] m = matched;
            int[] b = buildIdx;
            for (int j = 0; j < count; j++) {
                int k = b[j];
                m[k >>> 6] |= 1L << k;
            }
            pairs = count;
            wholeProbe = count == n;
            probeMatched += count;
            probeOrphans += n - count;
        }

        private void quarantineProbeRow(VectorSchemaRoot batch, int row) {
            String origin = probeCursor.origin(row).orElse(probeName + " batch " + batchIndex + ", row " + row);
            join.rejects().orElseThrow().reject(new RejectedRow(probeName, "join " + join.leftName() + " x "
                    + join.rightName() + ", " + origin, List.of(violation(!buildLeft)), RejectedRow.valuesOf(batch, row)));
        }

        private void buildOrphans() {
            ensure(build.getRowCount());
            for (int r = 0; r < build.getRowCount(); r++) {
                int k = keyOf(r);
                if (k < 0 || (matched[k >>> 6] & 1L << k) == 0 && !bad[k]) {
                    add(-1, r);
                }
            }
        }

        private void ensure(int n) {
            if (probeIdx.length < n) {
                probeIdx = Arrays.copyOf(probeIdx, Math.max(n, probeIdx.length * 2));
                buildIdx = Arrays.copyOf(buildIdx, probeIdx.length);
            }
        }

        private void add(int probeRow, int buildRow) {
            if (pairs == probeIdx.length) {
                probeIdx = Arrays.copyOf(probeIdx, pairs * 2);
                buildIdx = Arrays.copyOf(buildIdx, pairs * 2);
            }
            probeIdx[pairs] = probeRow;
            buildIdx[pairs] = buildRow;
            pairs++;
        }

        private void emit() {
            int n = Math.min(MAX_OUTPUT_ROWS, pairs - emitted);
            int[] p = emitted == 0 && n == pairs ? probeIdx : Arrays.copyOfRange(probeIdx, emitted, emitted + n);
            int[] b = emitted == 0 && n == pairs ? buildIdx : Arrays.copyOfRange(buildIdx, emitted, emitted + n);
            emitted += n;
            int[] leftRows = buildLeft ? b : p;
            int[] rightRows = buildLeft ? p : b;
            VectorSchemaRoot leftRoot = buildLeft ? build : probeBatch;
            VectorSchemaRoot rightRoot = buildLeft ? probeBatch : build;
            // output batches are the consumer's, outside the build side's memory limit
            out = VectorSchemaRoot.create(arrowSchema, outputAllocator);
            List<HashJoin.Column> columns = join.columns();
            // probe rows are all there while batches are joined; build rows too unless probe orphans are kept
            boolean probeEveryRow = probeBatch != null;
            boolean buildEveryRow = probeBatch == null || !keepProbeOrphans;
            for (int c = 0; c < columns.size(); c++) {
                HashJoin.Column col = columns.get(c);
                FieldVector target = out.getVector(c);
                VectorSchemaRoot root = col.left() ? leftRoot : rightRoot;
                FieldVector source = root == null ? null : root.getVector(col.source());
                int[] rows = col.left() ? leftRows : rightRows;
                if (col.rightKey().isPresent() && type == JoinType.FULL) {
                    FieldVector rk = rightRoot == null ? null : rightRoot.getVector(col.rightKey().get());
                    Gather.coalesce(source, rows, rk, rightRows, n, target);
                } else if (source == null) {
                    Gather.gather(null, rows, n, target);
                } else if (col.left() != buildLeft && wholeProbe && n == pairs && shareable(source, target, n)) {
                    // the probe batch's column is the output column: share its buffers, valid as long as
                    // the output batch is (the probe batch is not moved on before the output is released)
                    source.makeTransferPair(target).splitAndTransfer(0, n);
                } else {
                    boolean fromBuild = col.left() == buildLeft;
                    // the build side's null counts are counted once, not per output batch
                    Gather.gather(source, rows, n, target, new Gather.Known(
                            fromBuild ? buildHasNulls[c] : source.getNullCount() > 0,
                            fromBuild ? buildEveryRow : probeEveryRow));
                }
            }
            out.setRowCount(n);
            outputRows += n;
        }

        /** Whether the whole source column can be the target's: buffers are shared only under one root allocator. */
        private static boolean shareable(FieldVector source, FieldVector target, int n) {
            return source.getValueCount() == n && source.getClass() == target.getClass()
                    && source.getAllocator().getRoot() == target.getAllocator().getRoot();
        }

        private void finish() {
            if (!first || reported) {
                return;
            }
            reported = true;
            long buildRows = build.getRowCount();
            long buildMatched = 0;
            if (identity) {
                for (long word : matched) {
                    buildMatched += Long.bitCount(word);
                }
            } else {
                for (int k = 0; k < table.size(); k++) {
                    if ((matched[k >>> 6] & 1L << k) != 0) {
                        buildMatched += keyStart[k + 1] - keyStart[k];
                    }
                }
            }
            JoinReport.Side buildSide = new JoinReport.Side(buildRows, buildMatched,
                    buildRows - buildMatched - buildQuarantined, buildNullKeys, buildQuarantined, buildDuplicateKeys);
            JoinReport.Side probeSide = new JoinReport.Side(probeRows, probeMatched, probeOrphans, probeNullKeys,
                    probeQuarantined, probeDuplicateKeys);
            report = new JoinReport(join.leftName(), join.rightName(), join.keyName(), type, join.cardinality(),
                    buildLeft ? buildSide : probeSide, buildLeft ? probeSide : buildSide, outputRows);
        }

        private void release() {
            if (out != null) {
                out.close();
                out = null;
            }
        }

        @Override
        public VectorSchemaRoot batch() {
            if (out == null) {
                throw new IllegalStateException("no current batch: call next() first");
            }
            return out;
        }

        @Override
        public void close() {
            release();
            probeCursor.close();
        }
    }
}

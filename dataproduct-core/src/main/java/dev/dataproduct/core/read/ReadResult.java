package dev.dataproduct.core.read;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.core.access.AccessView;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.Selection;
import dev.dataproduct.core.io.IpcBatches;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotPin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The answer to one read: Arrow batches of the rows and values the reader may see, streamed. The
 * snapshot stays pinned until the result is closed; closing it also writes the read's audit
 * record. The current batch is borrowed, as with any {@link BatchCursor}.
 *
 * <pre>{@code
 * try (ReadResult result = reader.read(principal, request)) {
 *     while (result.next()) {
 *         VectorSchemaRoot batch = result.batch();
 *     }
 *     Optional<String> more = result.resumeCursor();   // present when the limit cut the read short
 * }
 * }</pre>
 */
public final class ReadResult implements BatchCursor {
    private final SnapshotPin pin;
    private final BatchCursor source;
    private final Dataset stored;
    private final AccessView view;
    private final ReadPlan plan;
    private final ExpressionEvaluator evaluator;
    private final BufferAllocator allocator;
    private final Consumer<AuditRecord.Decision> audit;
    private final OrderedRows ordered;
    private long toSkip;
    private long returned;
    private boolean done;
    private AuditRecord.Decision outcome = AuditRecord.Decision.ALLOWED;
    private boolean closed;
    private VectorSchemaRoot current;
    private Deque<VectorSchemaRoot> pending;

    ReadResult(SnapshotPin pin, BatchCursor source, Dataset stored, AccessView view, ReadPlan plan, ExpressionEvaluator evaluator,
               BufferAllocator allocator, Consumer<AuditRecord.Decision> audit) {
        this.pin = pin;
        this.source = source;
        this.stored = stored;
        this.view = view;
        this.plan = plan;
        this.evaluator = evaluator;
        this.allocator = allocator;
        this.audit = audit;
        this.toSkip = plan.offset();
        this.ordered = plan.request().order().isEmpty() ? null : new OrderedRows(plan);
    }

    /** @return the snapshot read */
    public SnapshotManifest snapshot() {
        return pin.manifest();
    }

    /** @return the Arrow schema of every batch: the columns returned, masked columns nullable */
    public Schema schema() {
        return plan.schema();
    }

    /** @return the columns returned, in order */
    public List<String> columns() {
        return plan.columns();
    }

    /** @return the returned columns whose values may be masked for this reader */
    public List<String> maskedColumns() {
        return plan.columns().stream().filter(view.maskedColumns()::contains).toList();
    }

    /** @return the rows returned so far */
    public long rowsReturned() {
        return returned;
    }

    /**
     * @return after the last batch, a cursor that resumes this read on the same snapshot where the
     *     limit stopped it; empty while batches remain, or when the read reached the end
     */
    public Optional<String> resumeCursor() {
        // a page of no rows gives no cursor, or a client paging with limit 0 would never end
        boolean cut = returned > 0 && plan.request().limit().isPresent()
                && returned == plan.request().limit().getAsLong();
        return done && cut ? Optional.of(new ResumePosition(snapshot().id(), plan.offset() + returned,
                plan.fingerprint()).encode()) : Optional.empty();
    }

    /**
     * The cursor of the next page, known before this page is read, for ports that must send it ahead
     * of the rows (an HTTP {@code Link} header). It is given when the request has a limit and the
     * snapshot holds more rows than this page could reach; because row policies and filters are
     * applied while reading, the page it leads to may be empty, and that page then gives no cursor.
     * Reading from it never skips or repeats a row.
     *
     * @return the cursor that resumes after this page's limit, or empty if no rows can follow
     */
    public Optional<String> pageCursor() {
        if (plan.request().limit().isEmpty() || plan.request().limit().getAsLong() == 0) {
            return Optional.empty();
        }
        long end = plan.offset() + plan.request().limit().getAsLong();
        long stored = snapshot().datasets().getOrDefault(plan.request().dataset(), Long.MAX_VALUE);
        return end < stored ? Optional.of(new ResumePosition(snapshot().id(), end, plan.fingerprint()).encode())
                : Optional.empty();
    }

    /**
     * The whole answer as the store holds it, for a port that can pass stored Arrow IPC record
     * batches on without decoding them (an Arrow stream response): given only when the answer is
     * exactly the stored batches, that is when the principal's policy admits every row and masks
     * nothing, the request returns every stored column in the stored order, has no filter, order
     * or cursor, its limit (if any) reaches every stored row, and the store keeps the dataset as one
     * Arrow IPC file of non-empty, uncompressed batches without dictionaries. Any other read is
     * answered by {@link #next()} alone.
     *
     * <p>Taking the batches ends the read: {@link #next()} then returns {@code false}, and
     * {@link #rowsReturned()}, the resume cursor and the audit record count their rows. The snapshot
     * stays pinned, so the stored bytes stay readable, until this result is closed. Call it before
     * the first {@link #next()}.
     *
     * @return the stored batches, or empty if this read changes anything of them or has begun
     * @throws dev.dataproduct.api.error.PortException if the stored file cannot be read
     */
    public Optional<IpcBatches> storedBatches() {
        if (closed || done || returned > 0 || current != null || !asStored()) {
            return Optional.empty();
        }
        Optional<IpcBatches> batches = IpcBatches.of(stored);
        OptionalLong limit = plan.request().limit();
        if (batches.isEmpty() || limit.isPresent() && limit.getAsLong() < batches.get().rows()) {
            return Optional.empty();
        }
        returned = batches.get().rows();
        done = true;
        return batches;
    }

    /** Whether the plan returns the stored batches unchanged, as far as the plan alone tells. */
    private boolean asStored() {
        ReadRequest request = plan.request();
        if (request.filter().isPresent() || !request.order().isEmpty() || plan.offset() != 0
                || !view.passesUnchanged()) {
            return false;
        }
        List<org.apache.arrow.vector.types.pojo.Field> storedFields = stored.schema().toArrow().getFields();
        List<org.apache.arrow.vector.types.pojo.Field> returnedFields = plan.schema().getFields();
        if (storedFields.size() != returnedFields.size()) {
            return false;
        }
        for (int i = 0; i < storedFields.size(); i++) {
            // the body of a batch is laid out by the columns' types in order: names and nullability do not change it
            if (!storedFields.get(i).getName().equals(returnedFields.get(i).getName())
                    || !storedFields.get(i).getType().equals(returnedFields.get(i).getType())
                    || !storedFields.get(i).getChildren().equals(returnedFields.get(i).getChildren())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the read result is closed");
        }
        closeCurrent();
        if (done) {
            return false;
        }
        try {
            current = ordered == null ? nextStreamed() : nextOrdered();
        } catch (RuntimeException e) {
            outcome = e instanceof InvalidRequestException ? AuditRecord.Decision.REFUSED : AuditRecord.Decision.FAILED;
            throw e;
        }
        if (current == null) {
            done = true;
            return false;
        }
        returned += current.getRowCount();
        return true;
    }

    private long remaining() {
        return plan.request().limit().isPresent() ? plan.request().limit().getAsLong() - returned : Long.MAX_VALUE;
    }

    private VectorSchemaRoot nextStreamed() {
        while (remaining() > 0 && source.next()) {
            try (VectorSchemaRoot seen = view.apply(source.batch(), allocator)) {
                int n = seen.getRowCount();
                Selection wanted = filter(seen);
                long room = remaining();
                if (toSkip == 0 && wanted.count() <= room) {
                    // the whole selection goes out: no row-by-row choosing (a batch of every row stays
                    // one contiguous run, which the copy shares rather than copies)
                    if (wanted.count() > 0) {
                        return wanted.copyRows(project(seen), plan.schema(), allocator);
                    }
                    continue;
                }
                BitSet chosen = new BitSet(n);
                for (int row = wanted.nextSelected(0); row >= 0 && room > 0; row = wanted.nextSelected(row + 1)) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        chosen.set(row);
                        room--;
                    }
                }
                if (!chosen.isEmpty()) {
                    return Selection.of(chosen, n).copyRows(project(seen), plan.schema(), allocator);
                }
            }
        }
        return null;
    }

    private VectorSchemaRoot nextOrdered() {
        if (pending == null) {
            while (source.next()) {
                try (VectorSchemaRoot seen = view.apply(source.batch(), allocator)) {
                    ordered.add(seen, filter(seen));
                }
            }
            pending = new ArrayDeque<>(ordered.batches(allocator));
        }
        return pending.poll();
    }

    Selection filter(VectorSchemaRoot seen) {
        if (plan.request().filter().isEmpty()) {
            return Selection.all(seen.getRowCount());
        }
        try {
            return evaluator.select(plan.request().filter().get(), seen);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("the filter cannot be evaluated: " + e.getMessage());
        }
    }

    /** The returned columns of a seen batch, borrowed: the vectors stay owned by {@code seen}. */
    private VectorSchemaRoot project(VectorSchemaRoot seen) {
        List<FieldVector> vectors = new ArrayList<>();
        for (String c : plan.columns()) {
            vectors.add(seen.getVector(c));
        }
        return new VectorSchemaRoot(plan.schema().getFields(), vectors, seen.getRowCount());
    }

    @Override
    public VectorSchemaRoot batch() {
        if (current == null) {
            throw new IllegalStateException("no current batch: call next() first, and only while it returns true");
        }
        return current;
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeCurrent();
            if (pending != null) {
                pending.forEach(VectorSchemaRoot::close);
            }
            if (ordered != null) {
                ordered.clear();
            }
            source.close();
        } finally {
            pin.close();
            audit.accept(outcome);
        }
    }
}

package dev.dataproduct.ports.sql;

import dev.dataproduct.api.data.BatchCursor;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A read path's batches as an {@link ArrowReader}, the shape the Arrow C stream export takes. Each
 * batch's buffers move into the reader's root by reference count, without copying values.
 *
 * <p>The read path runs ahead of DuckDB on a thread of its own, at most {@value #AHEAD} batches
 * ahead: applying the policy to the next batches overlaps with DuckDB storing the last one, where
 * pulling each batch on DuckDB's thread made a session's load the sum of the two. Memory stays
 * bounded by a few batches. The cursor is read and closed on that thread alone.
 */
final class CursorReader extends ArrowReader {
    static final int AHEAD = 2;
    private static final AtomicLong THREADS = new AtomicLong();
    private static final Item END = new Item(null, null);

    private final Schema schema;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread producer;
    private volatile boolean stopped;
    private boolean ended;
    private long rows;

    /** A batch handed on, the end of the batches, or the failure that ended them. */
    private record Item(ArrowRecordBatch batch, RuntimeException failure) {
    }

    CursorReader(BufferAllocator allocator, BatchCursor cursor, Schema schema) {
        super(allocator);
        this.schema = schema;
        this.producer = new Thread(() -> produce(cursor), "dataproduct-sql-read-" + THREADS.incrementAndGet());
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(BatchCursor cursor) {
        try (cursor) {
            while (!stopped && cursor.next()) {
                ArrowRecordBatch batch = new VectorUnloader(cursor.batch()).getRecordBatch();
                if (!hand(new Item(batch, null))) {
                    batch.close();
                    return;
                }
            }
        } catch (RuntimeException e) {
            hand(new Item(null, e));
            return;
        }
        hand(END);
    }

    /** @return whether the item was queued; false once the reader is closed */
    private boolean hand(Item item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (ended) {
            return false;
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the read path's next batch", e);
        }
        if (item.failure() != null) {
            ended = true;
            throw item.failure();
        }
        if (item == END) {
            ended = true;
            return false;
        }
        rows += item.batch().getLength();
        loadRecordBatch(item.batch());
        return true;
    }

    /** @return the rows handed on so far */
    long rows() {
        return rows;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        stopped = true;
        try {
            // the cursor is closed by its own thread, which stops after the batch it is reading
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Item left = queue.poll(); left != null; left = queue.poll()) {
                if (left.batch() != null) {
                    left.batch().close();
                }
            }
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}

package dev.dataproduct.ports.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * A response body whose writes to the client go out on a sender thread, so that the worker encodes
 * the next chunk of rows while the last one is on its way: encoding and the server's own writes
 * (chunk framing, copies, one system call per 4 KiB) then take turns on two cores instead of adding
 * up on one. Four chunks of {@value #CHUNK} bytes are handed over at a time (a hand-off may wake a
 * parked thread, which costs more than copying a chunk), written as chunks, through {@value #DEPTH}
 * buffers, so a response holds no more than that whatever its size, and the worker waits when the
 * client reads slower than it encodes. A failed write (a client gone, or one cut off by the stall guard, which
 * interrupts the sender) fails the worker's next write, flush or close with it; bytes written after a
 * failure, or left when the stream is closed without {@link #flush}, are dropped, not sent.
 */
final class HandOffStream extends OutputStream {
    /** The size of every write to the client but the last. */
    static final int CHUNK = 1 << 16;
    /**
     * The bytes handed over at once, several chunks: each hand-off may wake a parked thread, which
     * costs more than the copy of a chunk.
     */
    static final int BUFFER = 4 * CHUNK;
    /** Buffers in flight: one being filled while one is sent. */
    static final int DEPTH = 3;

    /** A chunk handed over, or an order to flush or end. */
    private record Item(byte[] bytes, int length, boolean flush, boolean end) {
    }

    private final OutputStream out;
    /** Whether no sender was free, so that the worker writes itself. */
    private boolean direct;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<Item> full = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Semaphore flushed = new Semaphore(0);
    private final Semaphore ended = new Semaphore(0);
    private volatile IOException failure;
    private volatile boolean dropping;
    private byte[] current;
    private int pos;
    private boolean closed;

    private HandOffStream(OutputStream out) {
        this.out = out;
        for (int i = 0; i < DEPTH - 1; i++) {
            free.add(new byte[BUFFER]);
        }
        current = new byte[BUFFER];
    }

    /**
     * A stream over {@code out} whose writes run on a thread of {@code senders}; when none is free the
     * worker writes itself, as it would without one.
     */
    static HandOffStream over(OutputStream out, Executor senders) {
        HandOffStream s = new HandOffStream(out);
        try {
            senders.execute(s::send);
        } catch (RejectedExecutionException e) {
            s.direct = true;
        }
        return s;
    }

    /** The sender's loop: writes chunks in order until told to end, dropping them after a failure. */
    private void send() {
        try {
            while (true) {
                Item item;
                try {
                    item = full.take();
                } catch (InterruptedException e) {
                    // the port is closing: the worker's next hand-off fails, and its close ends this loop
                    fail(new InterruptedIOException("the port stopped while the response was being sent"));
                    continue;
                }
                if (item.end()) {
                    return;
                }
                if (failure == null && !dropping) {
                    try {
                        for (int at = 0; at < item.length(); at += CHUNK) {
                            out.write(item.bytes(), at, Math.min(CHUNK, item.length() - at));
                        }
                        if (item.flush()) {
                            out.flush();
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(e);
                        // an interrupt from the stall guard has done its work
                        Thread.interrupted();
                    }
                }
                if (item.bytes() != null) {
                    free.add(item.bytes());
                }
                if (item.flush()) {
                    flushed.release();
                }
            }
        } finally {
            // an interrupt meant for a stalled write must not reach the sender's next response
            Thread.interrupted();
            ended.release();
        }
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException("the response failed: " + e, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        open();
        if (direct) {
            out.write(b);
            return;
        }
        if (pos == BUFFER) {
            handOff(false);
        }
        current[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        open();
        if (direct) {
            out.write(b, off, len);
            return;
        }
        int at = off;
        int left = len;
        while (left > 0) {
            if (pos == BUFFER) {
                handOff(false);
            }
            int n = Math.min(left, BUFFER - pos);
            System.arraycopy(b, at, current, pos, n);
            pos += n;
            at += n;
            left -= n;
        }
    }

    /** Hands the bytes written so far to the sender and waits until it has written and flushed them. */
    @Override
    public void flush() throws IOException {
        if (direct) {
            out.flush();
            return;
        }
        handOff(true);
        await(flushed);
        check();
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("the response is closed");
        }
    }

    private void handOff(boolean flush) throws IOException {
        check();
        open();
        try {
            full.put(new Item(pos == 0 ? null : current, pos, flush, false));
            current = pos == 0 ? current : free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing a chunk to the sender");
        }
        pos = 0;
    }

    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("the response could not be sent: " + f.getMessage(), f);
        }
    }

    private static void await(Semaphore s) throws InterruptedIOException {
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the response was being sent");
        }
    }

    /**
     * Ends the sender, dropping what was not flushed (an abandoned response is cut, not completed),
     * and waits for it, so that nothing writes to the exchange once this returns.
     */
    @Override
    public void close() throws IOException {
        if (closed || direct) {
            closed = true;
            return;
        }
        closed = true;
        dropping = true;
        // never full: the worker hands over no more than its buffers and one order at a time
        full.add(new Item(null, 0, false, true));
        // uninterruptibly: the sender must be done with the exchange before the worker closes it
        ended.acquireUninterruptibly();
    }
}

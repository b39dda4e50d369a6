package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A response body written by a sender thread: every byte in order, failures back to the worker. */
class HandOffStreamTest {
    private static final long SEED = 20261201L;
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> new Thread(r, "sender"));

    @AfterEach
    void stop() throws InterruptedException {
        senders.shutdownNow();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS), "the sender ended");
    }

    /** Records what reaches the client, and on which threads. */
    private static final class Client extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        int flushes;
        /** The write that fails, counting from 1; 0 for none. */
        int failAt;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            threads.add(Thread.currentThread().getName());
            writes.add(len);
            if (writes.size() == failAt) {
                throw new IOException("connection reset by peer");
            }
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            threads.add(Thread.currentThread().getName());
            flushes++;
        }
    }

    @Test
    void sendsEveryByteInOrderInFullChunksFromTheSenderThread() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Client client = new Client();
        try (HandOffStream out = HandOffStream.over(client, senders)) {
            while (expected.size() < 3 * HandOffStream.BUFFER + 123) {
                // writes of every size: single bytes, short runs, and runs longer than a chunk
                int kind = random.nextInt(3);
                if (kind == 0) {
                    int b = random.nextInt(256);
                    out.write(b);
                    expected.write(b);
                } else {
                    byte[] run = new byte[kind == 1 ? random.nextInt(1, 100) : random.nextInt(1, 3 * HandOffStream.CHUNK)];
                    random.nextBytes(run);
                    int off = random.nextInt(run.length);
                    out.write(run, off, run.length - off);
                    expected.write(run, off, run.length - off);
                }
            }
            out.flush();
        }
        assertArrayEquals(expected.toByteArray(), client.bytes.toByteArray(), "seed " + SEED);
        for (int i = 0; i < client.writes.size() - 1; i++) {
            assertEquals(HandOffStream.CHUNK, client.writes.get(i), "write " + i + " (seed " + SEED + ")");
        }
        assertEquals(1, client.flushes);
        assertEquals(Set.of("sender"), client.threads, "only the sender writes to the client");
    }

    @Test
    void aFailedWriteFailsTheWorkersNextHandOffAndTheSenderEnds() throws IOException {
        Client client = new Client();
        client.failAt = 2;
        byte[] chunk = new byte[HandOffStream.CHUNK];
        HandOffStream out = HandOffStream.over(client, senders);
        IOException failure = assertThrows(IOException.class, () -> {
            // the worker may run ahead of the sender by its buffers, never further
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            out.flush();
        });
        assertTrue(failure.getMessage().contains("connection reset by peer"), failure.getMessage());
        out.close();
        assertEquals(2, client.writes.size(), "nothing is written after the failure");
    }

    @Test
    void closingWithoutFlushCutsTheResponseInsteadOfCompletingIt() throws IOException {
        Client client = new Client();
        HandOffStream out = HandOffStream.over(client, senders);
        out.write(new byte[100]);
        out.close();
        assertEquals(0, client.bytes.size(), "an abandoned response's last bytes are dropped");
        assertEquals(0, client.flushes);
        assertThrows(IOException.class, () -> out.write(new byte[1]), "a closed stream takes no more bytes");
    }

    @Test
    void theWorkerWritesItselfWhenNoSenderIsFree() throws IOException {
        Client client = new Client();
        try (HandOffStream out = HandOffStream.over(client, task -> {
            throw new RejectedExecutionException("every sender is busy");
        })) {
            out.write(new byte[] {1, 2, 3});
            out.write(4);
            out.flush();
        }
        assertArrayEquals(new byte[] {1, 2, 3, 4}, client.bytes.toByteArray());
        assertEquals(Set.of(Thread.currentThread().getName()), client.threads);
        assertEquals(1, client.flushes);
    }
}

package dev.dataproduct.ports.http;

import dev.dataproduct.core.host.PortMeters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away in the middle of a response, or stops reading it while keeping its
 * connection open, gives back the snapshot pin and the thread.
 */
class VanishedClientTest {

    @Test
    void aClientThatHangsUpMidResponseReleasesThePin() throws Exception {
        try (Directory dir = new Directory(30_000, Directory.POLICY, RestPort.builder().workers(1, 4), 4096, 512)) {
            try (Socket socket = startLargeRead(dir)) {
                assertEquals(Set.of("00000001"), waitFor(dir, false), "the read holds its snapshot while it streams");
            }
            assertEquals(Set.of(), waitFor(dir, true), "the pin is released once the client is gone");
            // the only worker is free again: the next request is answered
            assertEquals(200, Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=1", Directory.ADMIN_TOKEN)
                    .statusCode());
        }
    }

    @Test
    void aClientThatStopsReadingMidResponseGivesBackThePinAndTheWorker() throws Exception {
        RestPort.Builder port = RestPort.builder().workers(1, 4).stallTimeout(Duration.ofSeconds(1));
        try (Directory dir = new Directory(30_000, Directory.POLICY, port, 4096, 512);
             Socket socket = startLargeRead(dir)) {
            // the client reads nothing more and keeps its connection open until the end of the test
            assertEquals(Set.of(), waitFor(dir, true), "the pin is released although the client neither reads "
                    + "on nor hangs up");
            for (int i = 0; i < 1200 && dir.meters.find(PortMeters.REQUESTS).tag("outcome", "aborted").counter()
                    == null; i++) {
                Thread.sleep(50);
            }
            assertEquals(1.0, dir.meters.get(PortMeters.REQUESTS).tag("outcome", "aborted").counter().count(),
                    "the response ended as aborted");
            // the only worker is free again: the next request is answered
            assertEquals(200, Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=1", Directory.ADMIN_TOKEN)
                    .statusCode());
        }
    }

    /**
     * Starts a read of 30000 rows through a socket whose tiny receive window keeps the response stuck
     * in the server's write, mid-stream, and reads the status line.
     */
    private static Socket startLargeRead(Directory dir) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(dir.rest.baseUri().getHost(), dir.rest.baseUri().getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + RestPortTest.ROWS + "?limit=30000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + Directory.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = socket.getInputStream().readNBytes(200);
            assertTrue(new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** Polls the pins until they are (or are not) empty; gives up after a generous bound. */
    private static Set<String> waitFor(Directory dir, boolean empty) throws InterruptedException {
        Set<String> pinned = dir.store.pinned(dir.product.address());
        for (int i = 0; i < 1200 && pinned.isEmpty() != empty; i++) {
            Thread.sleep(50);
            pinned = dir.store.pinned(dir.product.address());
        }
        return pinned;
    }
}

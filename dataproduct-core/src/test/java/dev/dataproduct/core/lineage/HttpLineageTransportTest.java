package dev.dataproduct.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a JDK server on a loopback port chosen by the system. */
class HttpLineageTransportTest {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** The answers the server gives, in turn; the last one repeats. */
    private volatile int[] answers = {200};

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            int n = requests.getAndIncrement();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")) + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestMethod());
            exchange.sendResponseHeaders(answers[Math.min(n, answers.length - 1)], -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpLineageTransport transport(int attempts) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
        return HttpLineageTransport.builder(endpoint).timeout(Duration.ofSeconds(5)).maxAttempts(attempts)
                .backoff(Duration.ofMillis(1)).header("Authorization", "Bearer secret").build();
    }

    @Test
    void postsEachEventAsJsonWithTheConfiguredHeaders() {
        transport(3).send("{\"eventType\":\"START\"}");
        assertEquals(List.of("{\"eventType\":\"START\"}"), bodies);
        assertEquals(List.of("Bearer secret application/json POST"), keys);
    }

    @Test
    void retriesServerErrorsAndThrottlingUntilTheEventIsTaken() {
        answers = new int[] {503, 429, 201};
        transport(3).send("{}");
        assertEquals(3, requests.get());
    }

    @Test
    void givesUpAfterTheLastAttemptWithoutThrowing() {
        answers = new int[] {500};
        transport(4).send("{}");
        assertEquals(4, requests.get());
    }

    @Test
    void doesNotRetryAnEventTheEndpointRefuses() {
        answers = new int[] {400, 200};
        transport(3).send("{}");
        assertEquals(1, requests.get());
    }

    @Test
    void anUnreachableEndpointDropsTheEventWithoutThrowing() {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpLineageTransport gone = HttpLineageTransport.builder(URI.create("http://127.0.0.1:" + port + "/x"))
                .maxAttempts(2).backoff(Duration.ZERO).timeout(Duration.ofSeconds(2)).build();
        gone.send("{}");
        assertTrue(bodies.isEmpty());
    }
}

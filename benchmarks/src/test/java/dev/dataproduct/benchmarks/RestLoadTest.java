package dev.dataproduct.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short run of the REST load benchmark: 200 concurrent clients get every answer, and the port
 * gives back all it held. Nothing here is about time: the full run is {@code -Dbench=restload}.
 */
class RestLoadTest {

    @Test
    void twoHundredConcurrentClientsGetEveryAnswerAndThePortKeepsNothing() throws Exception {
        RestLoad.Result r = RestLoad.run(200, Duration.ofSeconds(5), 2_000);
        RestLoad.print(r, System.out);
        assertEquals(Map.of(), r.errors(), "every request answered with 200");
        assertTrue(r.requests() >= 200, "every client got an answer: " + r.requests());
        assertEquals(0, r.pinsAfter(), "no snapshot stays pinned");
        assertEquals(r.arrowBefore(), r.arrowAfter(), "the responses' Arrow memory is all given back");
        assertTrue(r.peakWorkers() <= RestLoad.WORKERS, "the worker pool stays bounded: " + r.peakWorkers());
    }
}

package dev.dataproduct.ports.http;

import dev.dataproduct.core.host.PortMeters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every read the REST port answers shows in the usage meters and the availability indicator as soon
 * as its response has ended, tagged by product, port, dataset and outcome and never by who read.
 */
class UsageMetersTest {
    private Directory dir;
    private String urn;

    @BeforeEach
    void start() {
        dir = new Directory();
        urn = dir.product.address().urn();
    }

    @AfterEach
    void stop() {
        dir.close();
    }

    @Test
    void anAnsweredReadIsCountedInRequestsRowsBytesAndLatencyOnceItsResponseEnds() {
        HttpResponse<byte[]> r = Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=4", Directory.ADMIN_TOKEN);
        assertEquals(200, r.statusCode());
        String[] tags = {"product", urn, "port", "rest", "dataset", "students", "outcome", "ok"};
        // no waiting: the meters are recorded before the exchange ends
        assertEquals(1.0, dir.meters.get(PortMeters.REQUESTS).tags(tags).counter().count());
        assertEquals(4.0, dir.meters.get(PortMeters.ROWS).tags(tags).counter().count());
        assertEquals(r.body().length, dir.meters.get(PortMeters.BYTES).tags(tags).counter().count());
        Timer latency = dir.meters.get(PortMeters.LATENCY).tags(tags).timer();
        assertEquals(1, latency.count());
        assertTrue(latency.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        assertEquals(List.of(urn + " rest true"), dir.reads);
    }

    @Test
    void aDeniedReadIsCountedAsDeniedAndIsNoFailureOfThePort() {
        assertEquals(403, Http.get(dir.rest.baseUri(), RestPortTest.ROWS, Directory.NOBODY_TOKEN).statusCode());
        assertEquals(1.0, dir.meters.get(PortMeters.DENIED).tags("product", urn, "port", "rest", "dataset",
                "students").counter().count());
        assertEquals(1.0, dir.meters.get(PortMeters.REQUESTS).tags("dataset", "students", "outcome", "denied")
                .counter().count());
        assertNotNull(dir.meters.get(PortMeters.LATENCY).tags("outcome", "denied").timer());
        assertEquals(List.of(urn + " rest true"), dir.reads);
    }

    @Test
    void documentsAreMeteredButAreNoReadsOfData() {
        assertEquals(200, Http.get(dir.rest.baseUri(), RestPortTest.P + "/contract", Directory.ADMIN_TOKEN)
                .statusCode());
        assertEquals(1.0, dir.meters.get(PortMeters.REQUESTS).tags("product", urn, "dataset", "-", "outcome", "ok")
                .counter().count());
        assertEquals(List.of(), dir.reads);
    }

    @Test
    void noMeterIsTaggedWithAPrincipalOrAQuery() {
        Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=2&school=eq.A", Directory.COUNSELOR_TOKEN);
        Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=x", Directory.ADMIN_TOKEN);
        Http.get(dir.rest.baseUri(), RestPortTest.ROWS, Directory.NOBODY_TOKEN);
        Http.get(dir.rest.baseUri(), RestPortTest.ROWS, null);
        List<Meter> meters = dir.meters.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("dataproduct.port.")).toList();
        assertFalse(meters.isEmpty());
        Set<String> outcomes = new java.util.TreeSet<>();
        for (Meter m : meters) {
            for (Tag t : m.getId().getTags()) {
                assertTrue(Set.of("product", "port", "dataset", "outcome").contains(t.getKey()), m.getId().toString());
                assertFalse(Set.of("carla", "ada", "nobody").contains(t.getValue()), m.getId().toString());
                assertFalse(t.getValue().contains("eq.") || t.getValue().contains("limit"), m.getId().toString());
                if (t.getKey().equals("outcome")) {
                    outcomes.add(t.getValue());
                }
            }
        }
        assertEquals(Set.of("ok", "bad_request", "denied", "unauthorized"), outcomes);
    }
}

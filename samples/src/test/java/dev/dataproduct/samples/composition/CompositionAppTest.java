package dev.dataproduct.samples.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.core.compose.MeshOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositionAppTest {
    @Test
    void runsPurchasesBeforeCustomerSpendAndPrintsTheInteractionMapAndTheSnapshotRead(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<MeshOutcome> outcomes = CompositionApp.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(List.of("historical-purchases", "customer-spend"),
                outcomes.stream().map(o -> o.product().name()).toList());
        assertEquals(List.of(MeshOutcome.Status.COMMITTED, MeshOutcome.Status.COMMITTED),
                outcomes.stream().map(MeshOutcome::status).toList(), outcomes::toString);
        assertTrue(printed.contains("run order: historical-purchases -> customer-spend"), printed);
        assertTrue(printed.contains("  reads urn:dataproduct:retail:historical-purchases:v1 dataset 'purchases' as "
                + "input 'purchases'"), printed);
        assertTrue(printed.contains("urn:dataproduct:retail:customer-spend:v1 read "
                + "urn:dataproduct:retail:historical-purchases:v1 dataset 'purchases' snapshot 00000001"), printed);
        assertTrue(printed.contains("refused: urn:dataproduct:retail:customer-spend:v1 promises freshness within PT1H"),
                printed);
        long customers = outcomes.get(1).result().orElseThrow().published();
        assertTrue(customers > 100 && customers <= outcomes.get(0).result().orElseThrow().published(),
                "customers: " + customers);
    }
}

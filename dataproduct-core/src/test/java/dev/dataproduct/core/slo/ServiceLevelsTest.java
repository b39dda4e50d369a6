package dev.dataproduct.core.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLevelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ROWS = Schema.of(Field.of("id", LogicalType.STRING, true));
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    @TempDir
    Path dir;
    final SteppingClock clock = new SteppingClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Breach> breaches = new ArrayList<>();
    BufferAllocator allocator;
    InMemorySnapshotStore store;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    /** A product whose run emits the given ids (a null id is quarantined), or fails when {@code fail} is set. */
    private static DataProduct product(List<String> ids, boolean fail, Objective... objectives) {
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required()))
                .objective(objectives)
                .transform((ctx, out) -> {
                    if (fail) {
                        throw new IllegalStateException("source down");
                    }
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (String id : ids) {
                        Map<String, Object> row = new HashMap<>();
                        row.put("id", id);
                        rows.add(row);
                    }
                    try (VectorSchemaRoot batch = BatchBuilder.fromRows(ROWS, rows, ctx.allocator())) {
                        out.accept(batch);
                    }
                })
                .build();
    }

    private ServiceLevels levels(SliHistory history) {
        return ServiceLevels.builder().history(history).clock(clock).meterRegistry(meters).listener(breaches::add)
                .build();
    }

    private ProductRuntime runtime(ServiceLevels levels) {
        return ProductRuntime.builder().allocator(allocator).store(store).clock(clock).observer(levels).build();
    }

    @Test
    void freshnessIsTheGapBetweenCommitsAndABreachIsToldOnceWhenTheBudgetIsSpent() {
        Objective fresh = Objective.freshness(Duration.ofHours(1)).target(0.5).window(1);
        DataProduct product = product(List.of("a"), false, fresh);
        ServiceLevels levels = levels(new InMemorySliHistory());
        try (ProductRuntime runtime = runtime(levels)) {
            runtime.run(product);                       // first commit: good
            clock.advance(Duration.ofMinutes(30));
            runtime.run(product);                       // 30 min: good
            clock.advance(Duration.ofHours(3));
            runtime.run(product);                       // 3 h: bad, 2 of 3 good
            clock.advance(Duration.ofHours(3));
            runtime.run(product);                       // bad, 2 of 4 good: still met at 0.5
            assertTrue(breaches.isEmpty(), breaches.toString());
            clock.advance(Duration.ofHours(3));
            runtime.run(product);                       // bad, 2 of 5: breached
            clock.advance(Duration.ofHours(3));
            runtime.run(product);                       // bad again: no second breach while still breached
        }
        assertEquals(1, breaches.size());
        ObjectiveStatus s = breaches.get(0).status();
        assertEquals(5, s.events());
        assertEquals(2, s.good());
        assertEquals(0.6 / 0.5, s.burnRate(), 1e-9);
        assertEquals(1 - 0.6 / 0.5, s.budgetLeft(), 1e-9);
        assertEquals(1, meters.get("dataproduct.slo.breaches").tag("indicator", "freshness").counter().count());

        ObjectiveStatus now = levels.status(product.address()).get(0);
        assertEquals(6, now.events());
        assertEquals(1 - (4.0 / 6) / 0.5, meters.get("dataproduct.slo.budget.left").tag("product",
                product.address().urn()).gauge().value(), 1e-9);
        assertEquals(3 * 3600, now.lastValue().getAsDouble(), 1e-9);
        assertEquals(0, now.current().getAsDouble(), 1e-9, "the current snapshot was just committed");
        clock.advance(Duration.ofHours(2));
        assertEquals(7200, levels.status(product.address()).get(0).current().getAsDouble(), 1e-9);
    }

    @Test
    void completenessIsTheShareOfRowsInThatARunPublished() throws Exception {
        Objective complete = Objective.completeness(0.9).on("purchases");
        DataProduct product = product(java.util.Arrays.asList("a", "b", "c", null), false, complete);
        ServiceLevels levels = levels(new InMemorySliHistory());
        try (ProductRuntime runtime = runtime(levels)) {
            runtime.run(product);
        }
        JsonNode json = JSON.readTree(levels.indicatorsJson(product.address()));
        JsonNode o = json.at("/objectives/0");
        assertEquals("completeness-purchases", o.get("name").asText());
        assertEquals("purchases", o.get("scope").asText());
        assertEquals(0.75, o.get("lastValue").asDouble(), 1e-9);
        assertEquals(0, o.get("good").asInt());
        assertFalse(o.get("met").asBoolean());
        assertEquals(1, breaches.size());
    }

    @Test
    void requiredValuesIsTheShareOfRequiredValuesPresentInTheRowsIn() {
        Schema pairs = Schema.of(Field.of("id", LogicalType.STRING, true), Field.of("sku", LogicalType.STRING, true));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String[] r : new String[][] {{"a", "x"}, {"b", null}, {"c", "y"}, {"d", "z"}}) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r[0]);
            row.put("sku", r[1]);
            rows.add(row);
        }
        DataProduct product = DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required())
                        .field("sku", LogicalType.STRING, f -> f.required()))
                .objective(Objective.requiredValues(0.85), Objective.completeness(0.85))
                .transform((ctx, out) -> {
                    try (VectorSchemaRoot batch = BatchBuilder.fromRows(pairs, rows, ctx.allocator())) {
                        out.accept(batch);
                    }
                })
                .build();
        ServiceLevels levels = levels(new InMemorySliHistory());
        try (ProductRuntime runtime = runtime(levels)) {
            runtime.run(product);
        }
        ObjectiveStatus values = levels.status(product.address()).get(0);
        assertEquals("required-values", values.objective().name());
        assertEquals(7.0 / 8, values.lastValue().getAsDouble(), 1e-9, "1 of 8 required values is missing");
        assertEquals(1, values.good());
        ObjectiveStatus published = levels.status(product.address()).get(1);
        assertEquals(0.75, published.lastValue().getAsDouble(), 1e-9, "1 of 4 rows was quarantined");
        assertEquals(0, published.good());
    }

    @Test
    void freshnessOnAnEventTimeColumnIsTheAgeOfItsNewestValueAsTheFreshnessCheckMeasuresIt() {
        Schema events = Schema.of(Field.of("id", LogicalType.STRING, true),
                Field.of("at", LogicalType.TIMESTAMP_TZ, true));
        List<Map<String, Object>> rows = List.of(
                Map.of("id", "a", "at", T0.minus(Duration.ofHours(5))),
                Map.of("id", "b", "at", T0.minus(Duration.ofMinutes(30))));
        DataProduct product = DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases")
                        .field("id", LogicalType.STRING, f -> f.required())
                        .field("at", LogicalType.TIMESTAMP_TZ, f -> f.required()))
                .check(dev.dataproduct.api.quality.Check.freshness("at").within(Duration.ofDays(1)))
                .objective(Objective.freshness(Duration.ofHours(1)).on("purchases.at"))
                .transform((ctx, out) -> {
                    try (VectorSchemaRoot batch = BatchBuilder.fromRows(events, rows, ctx.allocator())) {
                        out.accept(batch);
                    }
                })
                .build();
        ServiceLevels levels = levels(new InMemorySliHistory());
        try (ProductRuntime runtime = runtime(levels)) {
            runtime.run(product);
        }
        ObjectiveStatus s = levels.status(product.address()).get(0);
        assertEquals("freshness-purchases-at", s.objective().name());
        assertEquals(1, s.good());
        assertEquals(1800, s.lastValue().getAsDouble(), 1e-9);
        clock.advance(Duration.ofHours(2));
        assertEquals(1800 + 7200, levels.status(product.address()).get(0).current().getAsDouble(), 1e-9);
    }

    @Test
    void aFailedRunIsARunOffSchedule() {
        Objective daily = Objective.frequency(Duration.ofDays(1)).target(0.6);
        ServiceLevels levels = levels(new InMemorySliHistory());
        try (ProductRuntime runtime = runtime(levels)) {
            runtime.run(product(List.of("a"), false, daily));
            clock.advance(Duration.ofHours(20));
            runtime.run(product(List.of("a"), false, daily));
            clock.advance(Duration.ofHours(20));
            assertThrows(DataProductException.class, () -> runtime.run(product(List.of("a"), true, daily)));
            clock.advance(Duration.ofHours(30));
            runtime.run(product(List.of("a"), false, daily));   // 30 h after the last attempt: late
        }
        ObjectiveStatus s = levels.status(product(List.of(), false, daily).address()).get(0);
        assertEquals(4, s.events());
        assertEquals(2, s.good());
        assertEquals(30 * 3600, s.lastValue().getAsDouble(), 1e-9);
    }

    @Test
    void availabilityCountsTheReadsThePortsRecordForTheirPort() {
        Objective rest = Objective.availability().target(0.9);
        DataProduct product = product(List.of("a"), false, rest);
        ServiceLevels levels = levels(new InMemorySliHistory());
        ReadRecorder recorder = levels;
        levels.track(product);
        for (int i = 0; i < 18; i++) {
            recorder.read(product.address(), "rest", true);
        }
        recorder.read(product.address(), "rest", false);
        assertTrue(breaches.isEmpty());
        recorder.read(product.address(), "sql", false);     // 18 of 20: below 0.9? no, exactly 0.9 is met
        assertTrue(breaches.isEmpty());
        recorder.read(product.address(), "sql", false);
        assertEquals(1, breaches.size());
        assertEquals(21, breaches.get(0).status().events());
    }

    @Test
    void measurementsOlderThanTheWindowStopCounting() {
        Objective rest = Objective.availability().on("rest").target(0.9).window(1);
        DataProduct product = product(List.of("a"), false);
        DataProduct withObjective = DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                .serve(new dev.dataproduct.api.port.OutputPort() {
                    @Override
                    public dev.dataproduct.api.port.PortDescriptor descriptor() {
                        return new dev.dataproduct.api.port.PortDescriptor("rest", "http", "json", "");
                    }

                    @Override
                    public void publish(dev.dataproduct.api.port.CommittedSnapshot snapshot) {
                    }
                })
                .objective(rest)
                .transform(ctx -> { throw new UnsupportedOperationException(); }).build();
        ServiceLevels levels = levels(new InMemorySliHistory());
        levels.track(withObjective);
        for (int i = 0; i < 10_000; i++) {
            levels.read(product.address(), "rest", i % 2 == 0);
        }
        assertEquals(10_000, levels.status(product.address()).get(0).events());
        assertEquals(1, breaches.size());
        clock.advance(Duration.ofHours(25));
        levels.read(product.address(), "rest", true);
        ObjectiveStatus s = levels.status(product.address()).get(0);
        assertEquals(1, s.events(), "the reads of yesterday left the window");
        assertEquals(1.0, s.budgetLeft());
    }

    @Test
    void budgetsSpanRestartsThroughTheDirectoryHistoryBesideTheSnapshots() {
        Objective keep = Objective.retention(Duration.ofDays(3)).target(0.5);
        DataProduct product = product(List.of("a"), false, keep);
        DirectorySliHistory history = DirectorySliHistory.at(dir.resolve("service-levels"));
        try (ProductRuntime runtime = runtime(levels(history))) {
            runtime.run(product);
            clock.advance(Duration.ofDays(1));
            runtime.run(product);
        }
        ServiceLevels restarted = levels(DirectorySliHistory.at(dir.resolve("service-levels")));
        restarted.track(product);
        ObjectiveStatus s = restarted.status(product.address()).get(0);
        assertEquals(2, s.events(), "both runs kept the whole history from the first snapshot on");
        assertEquals(2, s.good());
        assertEquals(86_400, s.lastValue().getAsDouble(), 1e-9);
        assertTrue(history.file().toFile().isFile());
    }

    @Test
    void anUnmeasuredProductIsNamedInTheError() {
        ServiceLevels levels = levels(new InMemorySliHistory());
        DataProduct product = product(List.of("a"), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> levels.status(product.address()));
        assertTrue(e.getMessage().contains(product.address().urn()), e.getMessage());
    }
}

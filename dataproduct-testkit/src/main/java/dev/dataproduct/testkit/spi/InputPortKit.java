package dev.dataproduct.testkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for {@link InputPort} implementations: extend it in a test of your port and
 * say how to make the port over given rows; the kit checks the SPI's promises. Every row arrives
 * with its values; the dataset reads the same on a second pass; the port opens again for another
 * run after being closed; closing it releases all its memory (a leak fails); and, for a port that
 * reads a format in which a value can be unreadable, an unreadable row is sent to the rejects with
 * rule {@code parse}, its field and an origin, never dropped and never turned into nulls; and the
 * reason given for an unreadable value of a classified (confidential or restricted) field never
 * repeats that value, since reasons reach logs and reports that the field's readers are not.
 *
 * <pre>{@code
 * class CsvInputConformanceTest extends InputPortKit {
 *     protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) { ... }
 * }
 * }</pre>
 */
public abstract class InputPortKit {
    /** A directory of the test's own, for ports that read files. */
    @TempDir
    protected Path dir;

    /** For subclasses. */
    protected InputPortKit() {
    }

    /**
     * @param dir a directory of the test's own
     * @param name the input's name
     * @param schema the schema of the rows
     * @param rows the rows, values in the SDK's value model; null for none
     * @return a port that delivers exactly these rows, in order
     * @throws Exception if the source cannot be prepared
     */
    protected abstract InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows)
            throws Exception;

    /**
     * A port over rows given as text cells, for ports that read text; the default is none, and
     * the kit's test of unreadable rows passes trivially then.
     *
     * @param dir a directory of the test's own
     * @param name the input's name
     * @param schema the schema the cells are read by
     * @param rows rows of text cells by column; a missing cell is empty
     * @return the port, or empty if the port's format holds typed values only
     * @throws Exception if the source cannot be prepared
     */
    protected Optional<InputPort> textPort(Path dir, String name, Schema schema, List<Map<String, String>> rows)
            throws Exception {
        return Optional.empty();
    }

    private static InputContext context(BufferAllocator allocator, List<RejectedRow> rejects) {
        return new InputContext(allocator, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                rejects::add);
    }

    /**
     * Every row of the source arrives with its values, under the port's name.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void deliversEveryRowWithItsValuesAndItsName() throws Exception {
        List<Map<String, Object>> rows = KitData.rows(300, 1);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             InputPort port = port(dir, "items", KitData.SPEC.schema(), rows)) {
            assertEquals("items", port.descriptor().name());
            List<RejectedRow> rejects = new ArrayList<>();
            Dataset dataset = port.open(context(allocator, rejects));
            assertEquals(rows, KitData.read(dataset));
            assertEquals(List.of(), rejects);
        }
    }

    /**
     * A second pass over the dataset reads the same rows.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void readsTheSameRowsOnASecondPass() throws Exception {
        List<Map<String, Object>> rows = KitData.rows(50, 2);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             InputPort port = port(dir, "items", KitData.SPEC.schema(), rows)) {
            Dataset dataset = port.open(context(allocator, new ArrayList<>()));
            List<Map<String, Object>> first = KitData.read(dataset);
            assertEquals(first, KitData.read(dataset));
        }
    }

    /**
     * The port opens again for another run after being closed, and releases all its Arrow memory.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void opensAgainForAnotherRunAfterBeingClosedAndReleasesAllItsMemory() throws Exception {
        List<Map<String, Object>> rows = KitData.rows(20, 3);
        BufferAllocator allocator = ArrowMemory.rootAllocator();
        try (InputPort port = port(dir, "items", KitData.SPEC.schema(), rows)) {
            for (int run = 0; run < 2; run++) {
                try (BufferAllocator runAllocator = allocator.newChildAllocator("run " + run, 0, Long.MAX_VALUE)) {
                    assertEquals(rows, KitData.read(port.open(context(runAllocator, new ArrayList<>()))));
                    port.close(); // a run closes the port before its allocator: a leak fails here
                }
            }
        }
        assertEquals(0, allocator.getAllocatedMemory(), "memory the port still holds after close");
        allocator.close();
    }

    /**
     * An unreadable row goes to the rejects with its reason; the other rows are kept: nothing is dropped.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void sendsAnUnreadableRowToTheRejectsWithItsReasonAndKeepsTheOthers() throws Exception {
        List<Map<String, String>> text = List.of(
                Map.of("id", "id-000001", "quantity", "1", "price", "1.50", "active", "true", "day", "2026-01-01",
                        "at", "2026-01-01T00:00:00Z"),
                Map.of("id", "id-000002", "quantity", "many", "price", "1.50", "active", "true", "day", "2026-01-01",
                        "at", "2026-01-01T00:00:00Z"),
                Map.of("id", "id-000003", "quantity", "3", "price", "2.00", "active", "false", "day", "2026-01-02",
                        "at", "2026-01-01T00:00:00Z"));
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            Optional<InputPort> maybe = textPort(dir, "items", KitData.SPEC.schema(), text);
            if (maybe.isEmpty()) {
                return; // the port's format cannot hold an unreadable value
            }
            try (InputPort port = maybe.get()) {
                List<RejectedRow> rejects = new ArrayList<>();
                List<Map<String, Object>> read = KitData.read(port.open(context(allocator, rejects)));
                assertEquals(List.of("id-000001", "id-000003"), read.stream().map(r -> r.get("id")).toList());
                assertEquals(1, rejects.size(), rejects.toString());
                RejectedRow reject = rejects.get(0);
                assertEquals("quantity", reject.violations().get(0).field());
                assertEquals("parse", reject.violations().get(0).rule());
                assertFalse(reject.origin().isBlank(), "a rejected row says where it came from");
                assertTrue(reject.values().containsValue("many"), "a rejected row keeps its original values");
            }
        }
    }

    /**
     * An unreadable value of a confidential or restricted field never appears in the reason.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void neverRepeatsAnUnreadableClassifiedValueInTheReason() throws Exception {
        Schema schema = Schema.of(Field.builder("id", LogicalType.STRING).required().build(),
                Field.builder("salary", LogicalType.INT64).classification(Classification.CONFIDENTIAL).build(),
                Field.builder("badge", LogicalType.INT64).classification(Classification.RESTRICTED).build());
        String salary = "SAL-7731-secret";
        String badge = "BADGE-4409-secret";
        List<Map<String, String>> text = List.of(
                Map.of("id", "a", "salary", "100", "badge", "7"),
                Map.of("id", "b", "salary", salary, "badge", "8"),
                Map.of("id", "c", "salary", "300", "badge", badge));
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            Optional<InputPort> maybe = textPort(dir, "staff", schema, text);
            if (maybe.isEmpty()) {
                return; // the port's format cannot hold an unreadable value
            }
            try (InputPort port = maybe.get()) {
                List<RejectedRow> rejects = new ArrayList<>();
                List<Map<String, Object>> read = KitData.read(port.open(context(allocator, rejects)));
                assertEquals(List.of("a"), read.stream().map(r -> r.get("id")).toList());
                assertEquals(2, rejects.size(), "each row with an unreadable value is rejected once");
                for (RejectedRow reject : rejects) {
                    for (Violation v : reject.violations()) {
                        assertEquals("parse", v.rule());
                        for (String secret : List.of(salary, badge)) {
                            assertFalse(v.message().contains(secret), "the reason for an unreadable value of "
                                    + "classified field '" + v.field() + "' repeats the value");
                        }
                    }
                }
            }
        }
    }
}

package dev.dataproduct.testkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotPin;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import dev.dataproduct.testkit.FixtureRuns;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/** Each kit fails an implementation that breaks the promise it checks. */
class KitsCatchBrokenImplementationsTest {

    /** An input that never releases its batches. */
    static class LeakyInput extends InputPortKit {
        @Override
        protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) {
            RowsInput inner = RowsInput.of(name, schema, rows);
            return new InputPort() {
                @Override
                public PortDescriptor descriptor() {
                    return inner.descriptor();
                }

                @Override
                public Dataset open(InputContext context) {
                    return RowsInput.of(name, schema, rows).open(context);
                }
            };
        }
    }

    /** A text input whose reasons quote the unreadable cell, classified or not. */
    static class IndiscreetTextInput extends InputPortKit {
        @Override
        protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) {
            return RowsInput.of(name, schema, rows);
        }

        @Override
        protected Optional<InputPort> textPort(Path dir, String name, Schema schema, List<Map<String, String>> rows) {
            List<Map<String, Object>> readable = new ArrayList<>();
            List<RejectedRow> unreadable = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> values = new HashMap<>();
                List<Violation> violations = new ArrayList<>();
                for (Field f : schema.fields()) {
                    String cell = rows.get(i).get(f.name());
                    try {
                        values.put(f.name(), cell == null ? null : TextValues.parse(f.type(), cell));
                    } catch (IllegalArgumentException e) {
                        violations.add(new Violation(f.name(), "parse", "cannot read '" + cell + "'"));
                    }
                }
                if (violations.isEmpty()) {
                    readable.add(values);
                } else {
                    unreadable.add(new RejectedRow(name, "row " + (i + 1), violations, rows.get(i)));
                }
            }
            RowsInput inner = RowsInput.of(name, schema, readable);
            return Optional.of(new InputPort() {
                @Override
                public PortDescriptor descriptor() {
                    return inner.descriptor();
                }

                @Override
                public Dataset open(InputContext context) {
                    unreadable.forEach(context.rejects()::reject);
                    return inner.open(context);
                }

                @Override
                public void close() {
                    inner.close();
                }
            });
        }
    }

    /** A delivery port that keeps the first snapshot it got and ignores the rest. */
    static class StaleDelivery extends DeliveryPortKit {
        private final List<Map<String, Object>> kept = new ArrayList<>();

        @Override
        protected OutputPort port(Path dir) {
            return new OutputPort() {
                @Override
                public PortDescriptor descriptor() {
                    return new PortDescriptor("stale", "memory", "rows", "");
                }

                @Override
                public void publish(CommittedSnapshot snapshot) {
                    if (kept.isEmpty()) {
                        snapshot.dataset("items").forEachRow(r -> kept.add(r.toMap()));
                    }
                }
            };
        }

        @Override
        protected List<Map<String, Object>> delivered(Path dir, String dataset) {
            return kept;
        }
    }

    /** A store whose history forgets everything. */
    static class ForgetfulStore extends SnapshotStoreKit {
        @Override
        protected SnapshotStore store(Path dir) {
            SnapshotStore inner = new InMemorySnapshotStore();
            return new SnapshotStore() {
                @Override
                public SnapshotTransaction begin(ProductAddress product, BufferAllocator allocator) {
                    return inner.begin(product, allocator);
                }

                @Override
                public Optional<SnapshotManifest> current(ProductAddress product) {
                    return inner.current(product);
                }

                @Override
                public List<SnapshotManifest> history(ProductAddress product) {
                    return List.of();
                }

                @Override
                public StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator) {
                    return inner.open(manifest, allocator);
                }

                @Override
                public String location(SnapshotManifest manifest) {
                    return inner.location(manifest);
                }

                @Override
                public SnapshotPin pin(SnapshotManifest manifest) {
                    return inner.pin(manifest);
                }

                @Override
                public Set<String> pinned(ProductAddress product) {
                    return inner.pinned(product);
                }
            };
        }
    }

    @Test
    void theInputKitFailsAPortThatKeepsItsMemoryAfterClose() {
        Map<String, Throwable> outcomes = FixtureRuns.run(LeakyInput.class);
        assertEquals(5, outcomes.size());
        assertNotNull(outcomes.get("opensAgainForAnotherRunAfterBeingClosedAndReleasesAllItsMemory()"));
    }

    @Test
    void theInputKitFailsAPortWhoseReasonRepeatsAnUnreadableClassifiedValue() {
        Map<String, Throwable> outcomes = FixtureRuns.run(IndiscreetTextInput.class);
        assertEquals(5, outcomes.size());
        assertNotNull(outcomes.get("neverRepeatsAnUnreadableClassifiedValueInTheReason()"));
        assertNull(outcomes.get("sendsAnUnreadableRowToTheRejectsWithItsReasonAndKeepsTheOthers()"));
    }

    @Test
    void theDeliveryKitFailsAPortThatKeepsDeliveringAnOldSnapshot() {
        Map<String, Throwable> outcomes = FixtureRuns.run(StaleDelivery.class);
        assertNotNull(outcomes.get("deliversEachCommittedSnapshotWholeTheNextReplacingTheLast()"));
    }

    @Test
    void theStoreKitFailsAStoreWhoseHistoryIsLost() {
        Map<String, Throwable> outcomes = FixtureRuns.run(ForgetfulStore.class);
        assertNotNull(outcomes.get("eachCommitBecomesCurrentAfterItsParentAndOlderSnapshotsStayReadable()"));
    }
}

package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime stores where a run's read of a positioned input ended and hands it to the next run. */
class InputPositionTest extends RuntimeFixture {
    private static final Schema EVENTS = Schema.of(Field.of("id", LogicalType.STRING, false));

    /** An input that serves ids {@code committed..committed+n} and says it ended after them. */
    private static final class CountingInput implements InputPort {
        final List<Map<String, String>> seen = new ArrayList<>();
        private final int n;
        private MemoryInput rows;
        private long end;

        CountingInput(int n) {
            this.n = n;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor("events", "memory", "arrow", "");
        }

        @Override
        public Dataset open(InputContext context) {
            seen.add(context.committedPosition());
            long from = Long.parseLong(context.committedPosition().getOrDefault("0", "0"));
            List<Map<String, Object>> list = new ArrayList<>();
            for (long i = from; i < from + n; i++) {
                Map<String, Object> row = new HashMap<>();
                row.put("id", "e" + i);
                list.add(row);
            }
            end = from + n;
            rows = new MemoryInput("events", EVENTS, list, 10);
            return rows.open(context);
        }

        @Override
        public Map<String, String> position() {
            return Map.of("0", Long.toString(end));
        }

        @Override
        public void close() {
            if (rows != null) {
                rows.close();
            }
        }
    }

    private static DataProduct product(InputPort input, Check... checks) {
        return DataProduct.builder("events").domain("ops").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Events in order.")
                .access(Policy.forDataset("events").grant(Grant.to(Audience.role("reader")).allColumns()).build())
                .input(input)
                .output(DatasetSpec.named("events").field("id", LogicalType.STRING, f -> f.required().primaryKey()))
                .check(checks)
                .transform(ctx -> ctx.input("events"))
                .build();
    }

    @Test
    void theNextRunStartsWhereTheCommittedSnapshotsReadEnded() {
        CountingInput input = new CountingInput(5);
        runtime.run(product(input));
        SnapshotManifest first = store.current(product(input).address()).orElseThrow();
        assertEquals(Map.of("events", Map.of("0", "5")), first.inputPositions());
        runtime.run(product(input));
        assertEquals(List.of(Map.of(), Map.of("0", "5")), input.seen);
        assertEquals(Map.of("events", Map.of("0", "10")), store.current(product(input).address()).orElseThrow()
                .inputPositions());
    }

    @Test
    void aRunThatCommitsNothingLeavesThePositionWhereTheLastCommitPutIt() {
        CountingInput input = new CountingInput(5);
        runtime.run(product(input));
        assertThrows(QualityGateException.class, () -> runtime.run(product(input, Check.rowCount().atLeast(100))));
        runtime.run(product(input));
        assertEquals(List.of(Map.of(), Map.of("0", "5"), Map.of("0", "5")), input.seen);
    }
}

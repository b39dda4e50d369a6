package dev.dataproduct.ports.stream;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.api.product.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small product of events for the stream tests: an id, a student and minutes, appended per run. */
final class Events {
    static final Principal READER = Principal.of("events-reader", "reader");
    static final DatasetSpec SPEC = spec(UpdateMode.append());

    private Events() {
    }

    /** @return the events dataset written in the given mode */
    static DatasetSpec spec(UpdateMode mode) {
        return DatasetSpec.named("events").maxQuarantinedShare(1)
                .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("student_id", LogicalType.STRING, f -> f.required())
                .field("minutes", LogicalType.INT64, f -> f.required().range(0, 1000))
                .updateMode(mode)
                .build();
    }

    /** @return events {@code from} (inclusive) to {@code to} (exclusive) */
    static List<Map<String, Object>> rows(int from, int to) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("event_id", String.format("ev-%07d", i));
            r.put("student_id", "s-" + (i % 97));
            r.put("minutes", (long) (i % 60));
            rows.add(r);
        }
        return rows;
    }

    /** @return a product that appends what its input gives and serves it on the given ports */
    static DataProduct product(String version, DatasetSpec spec, InputPort input, OutputPort... ports) {
        return builder(version, spec, input, ports).build();
    }

    /** @return the product with a gate no run passes */
    static DataProduct failing(InputPort input) {
        return builder("1.0.0", SPEC, input).check(dev.dataproduct.api.quality.Check.rowCount().atLeast(1_000_000))
                .build();
    }

    private static DataProduct.Builder builder(String version, DatasetSpec spec, InputPort input, OutputPort... ports) {
        return DataProduct.builder("events").domain("school").version(version)
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Attendance events as they arrive.")
                .access(Policy.forDataset(spec.name()).grant(Grant.to(Audience.role("reader")).allColumns().build())
                        .build())
                .input(input)
                .output(spec)
                .serve(ports)
                .transform(ctx -> ctx.input(input.descriptor().name()));
    }

    static DataProduct product(InputPort input, OutputPort... ports) {
        return product("1.0.0", SPEC, input, ports);
    }

    static Instant at(int minute) {
        return Instant.parse("2026-11-30T08:00:00Z").plusSeconds(60L * minute);
    }
}

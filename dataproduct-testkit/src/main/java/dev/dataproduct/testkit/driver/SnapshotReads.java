package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The one place the driver reads committed data: a snapshot opened through the store's API.
 * When reads go through the read path with access policies, only this class changes.
 */
final class SnapshotReads {
    /**
     * The stored rules are joined by bare commas, while the fields of a rule over several columns
     * are joined by a comma and a space ({@code sku, quantity:quality check 'x'}): split only on
     * the former.
     */
    private static final java.util.regex.Pattern RULE_SEPARATOR = java.util.regex.Pattern.compile(",(?! )");

    private static final List<String> QUARANTINE_META = List.of("_origin", "_rules", "_reasons", "_extra");

    private final SnapshotStore store;
    private final SnapshotManifest manifest;
    private final BufferAllocator allocator;

    SnapshotReads(SnapshotStore store, SnapshotManifest manifest, BufferAllocator allocator) {
        this.store = store;
        this.manifest = manifest;
        this.allocator = allocator;
    }

    private StoredSnapshot open() {
        return store.open(manifest, allocator);
    }

    /** @throws IllegalArgumentException naming the datasets there are */
    Dataset dataset(String name) {
        return open().dataset(name);
    }

    List<String> datasetNames() {
        return List.copyOf(open().datasetNames());
    }

    List<Map<String, Object>> rows(String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        dataset(name).forEachRow(r -> rows.add(r.toMap()));
        return rows;
    }

    /** @return every quarantined row of the snapshot, inputs' first, in the order they were kept */
    List<QuarantinedRow> quarantined() {
        StoredSnapshot snapshot = open();
        List<QuarantinedRow> out = new ArrayList<>();
        List<String> names = new ArrayList<>(snapshot.quarantineNames());
        names.sort((a, b) -> Boolean.compare(!a.startsWith("input."), !b.startsWith("input.")));
        for (String name : names) {
            snapshot.quarantine(name).forEachRow(r -> {
                Map<String, String> values = new LinkedHashMap<>();
                r.toMap().forEach((column, value) -> {
                    if (!QUARANTINE_META.contains(column) && value != null) {
                        values.put(column, (String) value);
                    }
                });
                String rules = r.getString("_rules");
                out.add(new QuarantinedRow(name, r.getString("_origin"),
                        rules == null || rules.isEmpty() ? List.of() : Arrays.asList(RULE_SEPARATOR.split(rules)),
                        String.valueOf(r.getString("_reasons")), values));
            });
        }
        return out;
    }
}

package dev.dataproduct.core.quality.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A metrics history held in memory, for tests and short-lived processes. Safe for several threads. */
public final class InMemoryMetricsHistory implements MetricsHistory {
    private final Map<List<String>, List<HistoryEntry>> entries = new HashMap<>();

    /** Creates an empty history. */
    public InMemoryMetricsHistory() {
    }

    @Override
    public synchronized void record(HistoryEntry entry) {
        Objects.requireNonNull(entry, "entry");
        entries.computeIfAbsent(List.of(entry.product(), entry.dataset()), k -> new ArrayList<>()).add(entry);
    }

    @Override
    public List<HistoryEntry> entries(String product, String dataset) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(dataset, "dataset");
        List<HistoryEntry> copy;
        synchronized (this) {
            copy = new ArrayList<>(entries.getOrDefault(List.of(product, dataset), List.of()));
        }
        copy.sort(Comparator.comparing(HistoryEntry::at)); // stable: same instants keep their order
        return List.copyOf(copy);
    }
}

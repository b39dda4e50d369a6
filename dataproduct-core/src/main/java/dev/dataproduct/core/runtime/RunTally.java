package dev.dataproduct.core.runtime;

import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the reasons rows were quarantined in a run and keeps the first few rows. */
final class RunTally {
    private final Map<String, Long> reasons = new HashMap<>();
    private final List<RejectedRow> samples = new ArrayList<>();
    private final int sampleSize;

    RunTally(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    void rejected(RejectedRow row) {
        count(reasons, row);
        if (samples.size() < sampleSize) {
            samples.add(row);
        }
    }

    /** Adds one to the count of each reason a row was rejected for, such as {@code purchases.sku: pattern}. */
    static void count(Map<String, Long> reasons, RejectedRow row) {
        for (Violation v : row.violations()) {
            String key = (v.field().isEmpty() ? row.dataset() : row.dataset() + "." + v.field()) + ": " + v.rule();
            reasons.merge(key, 1L, Long::sum);
        }
    }

    Map<String, Long> reasons() {
        return mostFrequentFirst(reasons);
    }

    /** @return the counts, most frequent first, then by reason */
    static Map<String, Long> mostFrequentFirst(Map<String, Long> reasons) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    List<RejectedRow> samples() {
        return samples;
    }
}

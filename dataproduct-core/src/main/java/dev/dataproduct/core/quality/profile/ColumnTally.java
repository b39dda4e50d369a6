package dev.dataproduct.core.quality.profile;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.quality.ValueCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;

/**
 * What the quality engine does not measure about a column: the exact counts of its values while
 * there are few distinct ones (memory bounded by the limit: past it, the counts are dropped), and
 * the lengths of strings.
 */
final class ColumnTally {
    private final String column;
    private final boolean countValues;
    private final boolean measureLengths;
    private final int limit;
    private Map<String, long[]> counts = new HashMap<>();
    private int minLength = Integer.MAX_VALUE;
    private int maxLength = -1;

    ColumnTally(String column, boolean countValues, boolean measureLengths, int limit) {
        this.column = column;
        this.countValues = countValues;
        this.measureLengths = measureLengths;
        this.limit = limit;
        if (!countValues) {
            counts = null;
        }
    }

    boolean needed() {
        return counts != null || measureLengths;
    }

    void update(FieldVector vector, int rows) {
        for (int i = 0; i < rows && needed(); i++) {
            if (vector.isNull(i)) {
                continue;
            }
            Object value = VectorValues.get(vector, i);
            String text = TextValues.format(value);
            if (measureLengths) {
                int length = text.codePointCount(0, text.length());
                minLength = Math.min(minLength, length);
                maxLength = Math.max(maxLength, length);
            }
            if (counts != null) {
                counts.computeIfAbsent(text, k -> new long[1])[0]++;
                if (counts.size() > limit) {
                    counts = null; // too many distinct values: no top values, and no more memory spent
                }
            }
        }
    }

    String column() {
        return column;
    }

    /** @return every value with its count, most frequent first; empty past the limit */
    List<ValueCount> values() {
        if (counts == null) {
            return List.of();
        }
        List<ValueCount> out = new ArrayList<>(counts.size());
        counts.forEach((v, n) -> out.add(new ValueCount(v, n[0])));
        out.sort(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value,
                dev.dataproduct.core.expr.ValueOrder::compare));
        return out;
    }

    boolean hasLengths() {
        return maxLength >= 0;
    }

    int minLength() {
        return minLength;
    }

    int maxLength() {
        return maxLength;
    }
}

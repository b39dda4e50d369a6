package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.expr.BoundedMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of a column evaluated together through the value memo give what each rule gives alone,
 * row by row: the same failing counts, positions and first values, and (where every failing value
 * fits the summary) the same most frequent values with exact counts. Data is generated so that the
 * memo hits, evicts, meets long strings and nulls, and gives way to the direct path.
 */
class ColumnRulesTest {
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private static Metric.InvalidCount invalid(String column, List<String> allowed, String pattern, Double min,
                                               Double max, Integer minLength, Integer maxLength) {
        return new Metric.InvalidCount(column, new Metric.Validity(allowed, Optional.ofNullable(pattern),
                Optional.ofNullable(min), Optional.ofNullable(max), Optional.ofNullable(minLength),
                Optional.ofNullable(maxLength)));
    }

    private static List<Metric> stringRules() {
        List<Metric> rules = new ArrayList<>();
        rules.add(invalid("c", List.of("a", "bb", "é"), null, null, null, null, null));
        rules.add(invalid("c", List.of(), "[a-c]+\\d?", null, null, null, null));
        rules.add(invalid("c", List.of(), null, null, null, 2, 3));
        rules.add(new Metric.MissingCount("c", List.of("N/A", "")));
        rules.add(new Metric.MissingCount("c", List.of()));
        for (int k = 0; k < 70; k++) {
            // more than 64 rules: results take two words per value
            rules.add(invalid("c", List.of(), null, null, null, k % 5, 4 + k % 7));
        }
        return rules;
    }

    private static List<Metric> numberRules() {
        List<Metric> rules = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            rules.add(invalid("c", List.of(), null, (double) k, 40.0 - k, null, null));
        }
        rules.add(invalid("c", List.of("1", "2", "3", "-0.0", "NaN"), null, null, null, null, null));
        rules.add(new Metric.MissingCount("c", List.of("0", "7")));
        return rules;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void stringsThroughTheMemoMatchEachRuleAlone(long seed) {
        Random rnd = new Random(seed);
        String[] pool = {"a", "bb", "é", "abc1", "N/A", "", "zz", "ccc", "bb9",
            "un très long texte de plus de 32 octets",
            "another value that is longer than thirty-two bytes"};
        // a few hot values, many cold ones (evictions), nulls and long strings
        compare(LogicalType.STRING, stringRules(), 3, 8_000, i -> {
            int r = rnd.nextInt(100);
            return r < 5 ? null : r < 70 ? pool[rnd.nextInt(pool.length)] : "v" + rnd.nextInt(20_000);
        }, true);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void nearlyUniqueStringsTakeTheDirectPathWithTheSameResults(long seed) {
        Random rnd = new Random(seed);
        compare(LogicalType.STRING, stringRules(), 18, 2_000, i -> rnd.nextInt(50) == 0 ? null
                : Long.toString(rnd.nextLong(), 36), false);
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void integersThroughTheMemoMatchEachRuleAlone(long seed) {
        Random rnd = new Random(seed);
        compare(LogicalType.INT64, numberRules(), 4, 10_000, i -> rnd.nextInt(30) == 0 ? null
                : (long) rnd.nextInt(50) - 5, true);
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9})
    void doublesThroughTheMemoMatchEachRuleAlone(long seed) {
        Random rnd = new Random(seed);
        double[] special = {0.0, -0.0, Double.NaN, 1.0, 2.5, 39.0, 41.0};
        compare(LogicalType.FLOAT64, numberRules(), 4, 10_000, i -> {
            int r = rnd.nextInt(40);
            return r == 0 ? null : r < 30 ? special[rnd.nextInt(special.length)] : rnd.nextInt(60) / 2.0 - 5;
        }, true);
    }

    /**
     * Scans {@code batches} batches through a {@link ColumnRules} and through each rule alone, and
     * compares what every rule recorded.
     */
    private void compare(LogicalType type, List<Metric> metrics, int batches, int rows, IntFunction<Object> value,
                         boolean exactFrequent) {
        Field field = Field.of("c", type, true);
        ColumnData.Kind kind = ColumnData.kindOf(type);
        RowRule[] rules = new RowRule[metrics.size()];
        Failures[] grouped = new Failures[rules.length];
        Failures[] alone = new Failures[rules.length];
        BoundedMatcher[] matchers = new BoundedMatcher[rules.length];
        for (int r = 0; r < rules.length; r++) {
            rules[r] = metrics.get(r) instanceof Metric.MissingCount m ? new RowRule(m, 0, kind)
                    : new RowRule((Metric.InvalidCount) metrics.get(r), 0, kind);
            grouped[r] = new Failures();
            alone[r] = new Failures();
            matchers[r] = rules[r].pattern == null ? null : new BoundedMatcher(rules[r].pattern);
        }
        ColumnRules group = new ColumnRules(0, kind, rules, grouped, matchers);
        ColumnData d = new ColumnData(field);
        List<Map<String, Long>> truth = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            truth.add(new TreeMap<>());
        }
        long base = 0;
        for (int b = 0; b < batches; b++) {
            try (FieldVector v = vector(type, rows, value)) {
                d.load(v, rows);
                group.scan(d, base);
                for (int r = 0; r < rules.length; r++) {
                    rules[r].scan(d, base, matchers[r], alone[r], null);
                    if (!exactFrequent) {
                        continue;
                    }
                    java.util.BitSet mask = new java.util.BitSet();
                    rules[r].scan(d, base, matchers[r], null, mask);
                    for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                        // the summary keys numbers by value, so 0.0 and -0.0 count as one (shown as the first seen)
                        String label = d.label(i);
                        truth.get(r).merge(label.equals("-0.0") ? "0.0" : label, 1L, Long::sum);
                    }
                }
            }
            base += rows;
        }
        int failingSomewhere = 0;
        for (int r = 0; r < rules.length; r++) {
            String what = "rule " + r + " " + metrics.get(r).describe();
            assertEquals(alone[r].count, grouped[r].count, what);
            assertEquals(alone[r].positions(), grouped[r].positions(), what);
            assertEquals(alone[r].firstValues(), grouped[r].firstValues(), what);
            if (exactFrequent) {
                assertEquals(truth.get(r).values().stream().mapToLong(Long::longValue).sum(), grouped[r].count, what);
            }
            if (exactFrequent && truth.get(r).size() <= HeavyHitters.CAPACITY) {
                // every failing value fits the summary: counts are exact either way
                Map<String, Long> top = new TreeMap<>();
                grouped[r].frequentValues().forEach(vc -> top.put(vc.value(), vc.count()));
                if (top.containsKey("-0.0")) {
                    top.put("0.0", top.remove("-0.0"));
                }
                for (Map.Entry<String, Long> e : top.entrySet()) {
                    assertEquals(truth.get(r).get(e.getKey()), e.getValue(), what + " value " + e.getKey());
                }
                assertEquals(Math.min(Failures.FIRST, truth.get(r).size()), top.size(), what);
            }
            failingSomewhere += grouped[r].count > 0 ? 1 : 0;
        }
        assertTrue(failingSomewhere > rules.length / 3,
                "the data makes most rules fail somewhere: " + failingSomewhere);
    }

    private FieldVector vector(LogicalType type, int rows, IntFunction<Object> value) {
        if (type == LogicalType.STRING) {
            VarCharVector v = new VarCharVector("c", allocator);
            return fill(v, rows, value, (x, i) -> v.setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8)));
        } else if (type == LogicalType.INT64) {
            BigIntVector v = new BigIntVector("c", allocator);
            return fill(v, rows, value, (x, i) -> v.setSafe(i, (Long) x));
        }
        Float8Vector v = new Float8Vector("c", allocator);
        return fill(v, rows, value, (x, i) -> v.setSafe(i, (Double) x));
    }

    private static FieldVector fill(FieldVector v, int rows, IntFunction<Object> value,
                                    java.util.function.ObjIntConsumer<Object> set) {
        v.setInitialCapacity(rows);
        v.allocateNew();
        for (int i = 0; i < rows; i++) {
            Object x = value.apply(i);
            if (x != null) {
                set.accept(x, i);  // a row left unset is null: allocateNew clears the validity bits
            }
        }
        v.setValueCount(rows);
        return v;
    }
}

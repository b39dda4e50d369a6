package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.expr.ArithmeticOp;
import dev.dataproduct.api.expr.CompareOp;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.Selection;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compiled predicates select exactly the rows {@link ExpressionEvaluator} selects: random
 * expressions over random batches full of the hard cases (nulls, NaN, signed zeros, infinities,
 * integers at the edge of overflow, division by zero, non-ASCII strings), with equal subexpressions
 * shared between predicates.
 */
class PredicateKernelsTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("l", LogicalType.INT64, true),
            Field.of("i", LogicalType.INT32, true),
            Field.of("d", LogicalType.FLOAT64, true),
            Field.of("f", LogicalType.FLOAT32, true),
            Field.of("b", LogicalType.BOOLEAN, true),
            Field.of("s", LogicalType.STRING, true),
            Field.of("t", LogicalType.DATE, true));
    private static final long[] LONGS = {0, 1, -1, 2, 7, -7, 1000, Long.MAX_VALUE, Long.MIN_VALUE, 3_037_000_500L,
        Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final double[] DOUBLES = {0.0, -0.0, 1.5, -2.25, 7.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300, 1000.0};
    private static final String[] STRINGS = {"", "a", "b", "é", "abc", "N/A", "日本"};

    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void compiledPredicatesSelectWhatTheEvaluatorSelects() {
        Random rnd = new Random(20261121);
        int compiledCount = 0;
        int total = 0;
        for (int round = 0; round < 40; round++) {
            List<Expr> predicates = new ArrayList<>();
            for (int p = 0; p < 25; p++) {
                predicates.add(bool(rnd, 3));
            }
            PredicateKernels kernels = new PredicateKernels(SCHEMA, predicates);
            ExpressionEvaluator evaluator = new ExpressionEvaluator();
            for (int b = 0; b < 2; b++) {
                int rows = b == 0 ? 130 : rnd.nextInt(200);
                try (VectorSchemaRoot batch = batch(rnd, rows)) {
                    assertTrue(kernels.bind(batch));
                    for (int p = 0; p < predicates.size(); p++) {
                        total++;
                        if (!kernels.compiled(p)) {
                            continue;
                        }
                        compiledCount++;
                        Selection expected;
                        try {
                            expected = evaluator.select(predicates.get(p), batch);
                        } catch (IllegalArgumentException e) {
                            fail("compiled, but the evaluator refuses '" + predicates.get(p) + "': " + e.getMessage());
                            return;
                        }
                        long[] notTrue = kernels.notTrue(p, new long[0]);
                        for (int r = 0; r < rows; r++) {
                            boolean failing = (notTrue[r >>> 6] >>> r & 1L) != 0;
                            assertEquals(!expected.isSelected(r), failing,
                                    "row " + r + " of '" + predicates.get(p) + "' (round " + round + ")");
                        }
                    }
                }
            }
        }
        assertTrue(compiledCount > total * 0.6, "most generated predicates compile: " + compiledCount + " of " + total);
    }

    @Test
    void predicatesOnUncoveredTypesAreLeftToTheEvaluator() {
        PredicateKernels k = new PredicateKernels(SCHEMA, List.of(
                Expr.col("t").ge(LocalDate.of(2024, 1, 1)),
                Expr.col("s").matches("a.*"),
                Expr.col("l").gt(1).and(Expr.col("s").lt("b")),
                Expr.col("l").gt(1).and(Expr.col("s").eq("b"))));
        assertFalse(k.compiled(0));
        assertFalse(k.compiled(1));
        assertFalse(k.compiled(2));
        assertTrue(k.compiled(3));
    }

    private static Expr number(Random rnd, int depth) {
        int r = rnd.nextInt(depth <= 0 ? 6 : 8);
        switch (r) {
            case 0: return Expr.col("l");
            case 1: return Expr.col("i");
            case 2: return Expr.col("d");
            case 3: return Expr.col("f");
            case 4: return Expr.lit(LONGS[rnd.nextInt(LONGS.length)]);
            case 5: return Expr.lit(DOUBLES[rnd.nextInt(DOUBLES.length)]);
            default:
                return new Expr.Arithmetic(ArithmeticOp.values()[rnd.nextInt(ArithmeticOp.values().length)],
                        number(rnd, depth - 1), number(rnd, depth - 1));
        }
    }

    private static Expr bool(Random rnd, int depth) {
        int r = rnd.nextInt(depth <= 0 ? 5 : 10);
        CompareOp op = CompareOp.values()[rnd.nextInt(CompareOp.values().length)];
        switch (r) {
            case 0: return new Expr.Compare(op, number(rnd, depth - 1), number(rnd, depth - 1));
            case 1: return Expr.col("b");
            case 2: return new Expr.Compare(rnd.nextBoolean() ? CompareOp.EQ : CompareOp.NE, Expr.col("s"),
                    Expr.lit(STRINGS[rnd.nextInt(STRINGS.length)]));
            case 3: return new Expr.Compare(op, Expr.col("b"), Expr.lit(rnd.nextBoolean()));
            case 4: return Expr.col(List.of("l", "d", "s", "b", "t").get(rnd.nextInt(5))).isNull();
            case 5: return bool(rnd, depth - 1).and(bool(rnd, depth - 1));
            case 6: return Expr.anyOf(bool(rnd, depth - 1), bool(rnd, depth - 1), bool(rnd, depth - 1));
            case 7: return bool(rnd, depth - 1).not();
            case 8: return rnd.nextBoolean()
                    ? number(rnd, 1).in(LONGS[rnd.nextInt(LONGS.length)], DOUBLES[rnd.nextInt(DOUBLES.length)])
                    : Expr.col("s").in(STRINGS[rnd.nextInt(STRINGS.length)], STRINGS[rnd.nextInt(STRINGS.length)]);
            default: return number(rnd, depth - 1).isNull().or(new Expr.Compare(op, number(rnd, depth - 1),
                    number(rnd, depth - 1)));
        }
    }

    private VectorSchemaRoot batch(Random rnd, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(dev.dataproduct.api.schema.ArrowTypes.toArrow(SCHEMA),
                allocator);
        root.allocateNew();
        BigIntVector l = (BigIntVector) root.getVector("l");
        IntVector i = (IntVector) root.getVector("i");
        Float8Vector d = (Float8Vector) root.getVector("d");
        Float4Vector f = (Float4Vector) root.getVector("f");
        BitVector b = (BitVector) root.getVector("b");
        VarCharVector s = (VarCharVector) root.getVector("s");
        DateDayVector t = (DateDayVector) root.getVector("t");
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(8) != 0) {
                l.setSafe(r, rnd.nextBoolean() ? LONGS[rnd.nextInt(LONGS.length)] : rnd.nextInt(21) - 10);
            }
            if (rnd.nextInt(8) != 0) {
                i.setSafe(r, rnd.nextBoolean() ? (int) LONGS[rnd.nextInt(LONGS.length)] : rnd.nextInt(21) - 10);
            }
            if (rnd.nextInt(8) != 0) {
                d.setSafe(r, rnd.nextBoolean() ? DOUBLES[rnd.nextInt(DOUBLES.length)] : rnd.nextInt(41) / 4.0 - 5);
            }
            if (rnd.nextInt(8) != 0) {
                f.setSafe(r, (float) (rnd.nextBoolean() ? DOUBLES[rnd.nextInt(DOUBLES.length)] : rnd.nextInt(21) - 10));
            }
            if (rnd.nextInt(8) != 0) {
                b.setSafe(r, rnd.nextBoolean() ? 1 : 0);
            }
            if (rnd.nextInt(8) != 0) {
                s.setSafe(r, STRINGS[rnd.nextInt(STRINGS.length)].getBytes(StandardCharsets.UTF_8));
            }
            if (rnd.nextInt(8) != 0) {
                t.setSafe(r, 19_000 + rnd.nextInt(1000));
            }
        }
        root.setRowCount(rows);
        return root;
    }
}

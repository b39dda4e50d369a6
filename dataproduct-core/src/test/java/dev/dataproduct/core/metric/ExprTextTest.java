package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.expr.Function;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExprTextTest {

    @Test
    void readsBackWhatTheExpressionModelPrints() {
        List<Expr> all = List.of(
                Expr.col("a").times(Expr.col("b")).plus(Expr.lit(2.5)),
                Expr.col("region").eq("l'œuf").and(Expr.col("q").ge(-8)).or(Expr.col("x").isNull().not()),
                Expr.col("c").in(1, 2, 3).and(Expr.col("s").matches("[a-z]+")),
                new Expr.Call(Function.COALESCE, List.of(Expr.col("a"), Expr.lit(0))).minus(Expr.col("b")),
                Expr.col("flag").eq(true).not(),
                Expr.col("d").lt(LocalDate.of(2024, 2, 29)));
        for (Expr e : all) {
            Expr read = ExprText.parse(e.toString().replace("'2024-02-29'", "DATE '2024-02-29'"));
            assertEquals(e, read, e.toString());
        }
    }

    @Test
    void typedTimestampConstantsAreLocalOrInstantsByTheirOffset() {
        assertEquals(Expr.col("t").ge(java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59)),
                ExprText.parse("t >= TIMESTAMP '2024-02-29 23:59:59'"));
        assertEquals(Expr.col("t").lt(java.time.Instant.parse("2024-02-29T23:00:00Z")),
                ExprText.parse("t < TIMESTAMP '2024-02-29T23:00:00Z'"));
        assertEquals(Expr.col("t").lt(java.time.Instant.parse("2024-02-29T22:00:00Z")),
                ExprText.parse("t < TIMESTAMP '2024-02-29T23:00:00+01:00'"));
        assertThrows(IllegalArgumentException.class, () -> ExprText.parse("t < TIMESTAMP '2024-02-30T00:00:00'"));
    }

    @Test
    void deepNestingIsRefusedWithAMessageNotAStackOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExprText.parse("(".repeat(50_000) + "a" + ")".repeat(50_000)));
        assertTrue(e.getMessage().contains("nested at most"), e.getMessage());
    }

    @Test
    void randomTextIsReadOrRefusedWithAnIllegalArgumentExceptionOnly() {
        long seed = Long.getLong("metric.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        String[] tokens = {"a", "b_1", "'x'", "'", "\"c d\"", "\"", "(", ")", ",", "AND", "or", "NOT", "IS", "NULL",
            "IN", "MATCHES", "'[a'", "=", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "1", "-2",
            "3.5", "1e400", "99999999999999999999", "true", "DATE", "'2024-13-01'", "TIMESTAMP", "principal", ".",
            "lower", "coalesce", "nope", "length", "é", " ", ""};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(1, 12); n > 0; n--) {
                sb.append(tokens[random.nextInt(tokens.length)]).append(random.nextBoolean() ? " " : "");
            }
            try {
                ExprText.parse(sb.toString());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), sb.toString());
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + seed + " (rerun with -Dmetric.seed=" + seed + "): " + e + " for " + sb, e);
            }
        }
    }
}

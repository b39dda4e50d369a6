package dev.dataproduct.api.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExprTest {

    @Test
    void betweenPrintsAsAConjunctionOfTwoComparisons() {
        assertEquals("(quantity >= 1 AND quantity <= 1000)", Expr.col("quantity").between(1, 1000).toString());
    }

    @Test
    void betweenBuildsAnAndOfGeAndLe() {
        Expr e = Expr.col("quantity").between(1, 1000);
        Expr.And and = assertInstanceOf(Expr.And.class, e);
        assertEquals(List.of(new Expr.Compare(CompareOp.GE, new Expr.Column("quantity"), new Expr.Literal(1L)),
                new Expr.Compare(CompareOp.LE, new Expr.Column("quantity"), new Expr.Literal(1000L))), and.operands());
    }

    @Test
    void theJavadocExamplePrintsAsDocumented() {
        Expr valid = Expr.col("quantity").between(1, 1000).and(Expr.col("sku").matches("SKU-\\d{6}"));
        assertEquals("((quantity >= 1 AND quantity <= 1000) AND sku MATCHES 'SKU-\\d{6}')", valid.toString());
    }

    @Test
    void comparisonsPrintWithTheirSqlSymbols() {
        Expr a = Expr.col("a");
        assertEquals("a = 1", a.eq(1).toString());
        assertEquals("a <> 'x'", a.ne("x").toString());
        assertEquals("a < 2.5", a.lt(2.5).toString());
        assertEquals("a <= b", a.le(Expr.col("b")).toString());
        assertEquals("a > 1.50", a.gt(new BigDecimal("1.50")).toString());
        assertEquals("a >= '2024-01-31'", a.ge(LocalDate.of(2024, 1, 31)).toString());
    }

    @Test
    void logicAndNullTestsPrintReadably() {
        Expr a = Expr.col("a");
        assertEquals("(a = 1 OR a = 2)", a.eq(1).or(a.eq(2)).toString());
        assertEquals("(a = 1 AND b = 2 AND c = 3)",
                Expr.allOf(a.eq(1), Expr.col("b").eq(2), Expr.col("c").eq(3)).toString());
        assertEquals("(a = 1 OR b = 2)", Expr.anyOf(a.eq(1), Expr.col("b").eq(2)).toString());
        assertEquals("NOT (a = 1)", a.eq(1).not().toString());
        assertEquals("a IS NULL", a.isNull().toString());
        assertEquals("a IS NOT NULL", a.isNotNull().toString());
        assertEquals(new Expr.Not(new Expr.IsNull(a)), a.isNotNull());
    }

    @Test
    void arithmeticFunctionsAndPrincipalAttributesPrintReadably() {
        Expr price = Expr.col("price");
        assertEquals("(price * quantity)", price.times(Expr.col("quantity")).toString());
        assertEquals("((price + 1) - 2)", price.plus(1).minus(2).toString());
        assertEquals("(price / 4)", price.dividedBy(4).toString());
        assertEquals("(price % 3)", price.modulo(3).toString());
        assertEquals("length(name)", Expr.col("name").length().toString());
        assertEquals("coalesce(a, b, 0)",
                Expr.call(Function.COALESCE, Expr.col("a"), Expr.col("b"), Expr.lit(0)).toString());
        assertEquals("upper(lower(name))",
                Expr.call(Function.UPPER, Expr.call(Function.LOWER, Expr.col("name"))).toString());
        assertEquals("region = principal.region", Expr.col("region").eq(Expr.principal("region")).toString());
    }

    @Test
    void literalsPrintAsSqlConstants() {
        assertEquals("'O''Brien'", Expr.lit("O'Brien").toString());
        assertEquals("42", Expr.lit(42).toString());
        assertEquals("true", Expr.lit(true).toString());
        assertEquals("0.000001", Expr.lit(new BigDecimal("1E-6")).toString());
        assertEquals("'10:15'", Expr.lit(LocalTime.of(10, 15)).toString());
        assertEquals("'2024-01-31T10:15'", Expr.lit(LocalDateTime.of(2024, 1, 31, 10, 15)).toString());
        assertEquals("'2024-01-31T10:15:00Z'", Expr.lit(Instant.parse("2024-01-31T10:15:00Z")).toString());
    }

    @Test
    void inPrintsItsValuesAsConstants() {
        assertEquals("region IN ('EU', 'US')", Expr.col("region").in("EU", "US").toString());
        assertEquals("n IN (1, 2)", Expr.col("n").in(1, 2L).toString());
    }

    @Test
    void columnsListsEveryColumnReadOnceInOrderOfFirstUse() {
        Expr e = Expr.col("b").plus(Expr.col("a")).gt(Expr.col("b"))
                .and(Expr.col("c").in("x"))
                .or(Expr.col("d").matches("d+").not())
                .and(Expr.col("e").isNull())
                .and(Expr.call(Function.COALESCE, Expr.col("f"), Expr.col("a")).eq(Expr.principal("g")));
        assertEquals(List.of("b", "a", "c", "d", "e", "f"), new ArrayList<>(e.columns()));
    }

    @Test
    void columnsIsEmptyForAnExpressionOfConstantsAndPrincipalAttributes() {
        assertEquals(Set.of(), Expr.lit(1).eq(Expr.principal("region")).columns());
    }

    @Test
    void literalNormalisesIntegerClassesToLongAndFloatToDouble() {
        assertEquals(5L, new Expr.Literal(5).value());
        assertEquals(5L, new Expr.Literal((short) 5).value());
        assertEquals(5L, new Expr.Literal((byte) 5).value());
        assertEquals(5L, new Expr.Literal(5L).value());
        assertEquals(1.5d, new Expr.Literal(1.5f).value());
        assertEquals(new BigDecimal("12345678901234567890"),
                new Expr.Literal(new BigInteger("12345678901234567890")).value());
        assertEquals(Expr.lit(1), Expr.lit(1L));
        assertEquals(Expr.col("a").eq(1), Expr.col("a").eq(1L));
        assertNotEquals(Expr.col("a").eq(1), Expr.col("a").eq(1.0));
    }

    @Test
    void inNormalisesItsValues() {
        Expr.In in = assertInstanceOf(Expr.In.class, Expr.col("n").in(1, (short) 2, 3.5f));
        assertEquals(List.of(1L, 2L, 3.5d), in.values());
    }

    @Test
    void rejectsLiteralsOfUnsupportedClassesAndNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expr.lit(new java.util.Date()));
        assertTrue(e.getMessage().startsWith("a literal of class java.util.Date is not supported"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Expr.lit('c'));
        assertThrows(IllegalArgumentException.class, () -> Expr.col("a").eq(List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> Expr.col("a").in("x", new Object()));
        NullPointerException n = assertThrows(NullPointerException.class, () -> Expr.lit(null));
        assertTrue(n.getMessage().contains("isNull()"), n.getMessage());
        assertThrows(NullPointerException.class, () -> Expr.col("a").eq(null));
    }

    @Test
    void rejectsAnInvalidRegularExpression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expr.col("sku").matches("SKU-[0-9"));
        assertTrue(e.getMessage().startsWith("'SKU-[0-9' is not a valid regular expression: "), e.getMessage());
        assertInstanceOf(java.util.regex.PatternSyntaxException.class, e.getCause());
    }

    @Test
    void callChecksTheArityOfTheFunction() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> Expr.call(Function.LENGTH, Expr.col("a"), Expr.col("b")));
        assertEquals("length takes 1 argument but got 2", two.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Expr.call(Function.ABS));
        assertEquals("abs takes 1 argument but got 0", none.getMessage());
        IllegalArgumentException coalesce = assertThrows(IllegalArgumentException.class,
                () -> Expr.call(Function.COALESCE));
        assertEquals("coalesce takes at least 1 argument but got 0", coalesce.getMessage());
        assertEquals(1, ((Expr.Call) Expr.call(Function.COALESCE, Expr.col("a"))).args().size());
    }

    @Test
    void rejectsEmptyConjunctionsDisjunctionsAndInLists() {
        assertThrows(IllegalArgumentException.class, Expr::allOf);
        assertThrows(IllegalArgumentException.class, Expr::anyOf);
        assertThrows(IllegalArgumentException.class, () -> Expr.col("a").in());
    }

    @Test
    void rejectsBlankColumnNamesAndMissingOperands() {
        assertThrows(IllegalArgumentException.class, () -> Expr.col(" "));
        assertThrows(NullPointerException.class, () -> Expr.col(null));
        assertThrows(NullPointerException.class, () -> Expr.principal(null));
        assertThrows(NullPointerException.class, () -> Expr.col("a").and((Expr) null));
        assertThrows(NullPointerException.class, () -> new Expr.Compare(null, Expr.col("a"), Expr.lit(1)));
        assertThrows(NullPointerException.class, () -> new Expr.Arithmetic(ArithmeticOp.ADD, Expr.col("a"), null));
    }

    @Test
    void nodesAreImmutableValues() {
        List<Expr> operands = new ArrayList<>(List.of(Expr.col("a").eq(1), Expr.col("b").eq(2)));
        Expr.And and = new Expr.And(operands);
        operands.clear();
        assertEquals(2, and.operands().size());
        assertThrows(UnsupportedOperationException.class, () -> and.operands().add(Expr.col("c").eq(3)));
        assertEquals(Expr.col("a").between(1, 2), Expr.col("a").between(1L, 2L));
        assertEquals(Expr.col("a").between(1, 2).hashCode(), Expr.col("a").between(1L, 2L).hashCode());
    }

    @Test
    void compareOpTestsTheSignOfAComparison() {
        assertTrue(CompareOp.EQ.test(0));
        assertFalse(CompareOp.EQ.test(1));
        assertTrue(CompareOp.NE.test(-3));
        assertFalse(CompareOp.NE.test(0));
        assertTrue(CompareOp.LT.test(-1));
        assertFalse(CompareOp.LT.test(0));
        assertTrue(CompareOp.LE.test(0));
        assertFalse(CompareOp.LE.test(1));
        assertTrue(CompareOp.GT.test(2));
        assertFalse(CompareOp.GT.test(0));
        assertTrue(CompareOp.GE.test(0));
        assertFalse(CompareOp.GE.test(-1));
    }
}

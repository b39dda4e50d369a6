package dev.dataproduct.api.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.TestInputPort;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void thresholdsJudgePassWarnAndFail() {
        Threshold t = Threshold.atLeast(0.99).warnBelow(0.995);
        assertEquals(Outcome.FAIL, t.judge(0.98));
        assertEquals(Outcome.WARN, t.judge(0.99));
        assertEquals(Outcome.PASS, t.judge(0.995));
        assertEquals(Outcome.FAIL, t.judge(Double.NaN));
        assertEquals(Outcome.PASS, Threshold.between(1, 3).judge(3));
        assertEquals(Outcome.FAIL, Threshold.lessThan(3).judge(3));
        assertEquals(">= 0.99 (warn unless >= 0.995)", t.toString());
        assertEquals("= 0", Threshold.exactly(0).toString());
    }

    @Test
    void checksReadLikeTheirMetric() {
        Check c = Check.completeness("customer_id").atLeast(0.99).severity(Severity.WARNING);
        assertEquals("completeness(customer_id)", c.name());
        assertEquals(Severity.WARNING, c.severity());
        assertEquals(Dimension.COMPLETENESS, c.dimension());
        assertEquals(86_400.0, Check.freshness("at").within(Duration.ofDays(1)).threshold().pass().max().orElseThrow());
        assertEquals("nullCount(email) %", Check.nulls("email").percent().atMost(5).name());
        assertEquals("deviation of rowCount", Check.rowCount().deviation(7).atMost(3).name());
        assertThrows(IllegalArgumentException.class, () -> Check.mean("x").percent().atMost(1));
        Check tolerant = Check.pattern("sku", "SKU-\\d{6}").tolerance(0.99);
        assertTrue(tolerant.percent());
        assertEquals(1.0, tolerant.threshold().pass().max().orElseThrow(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Check.rowCount().tolerance(0.5));
        assertThrows(IllegalArgumentException.class, () -> Check.nulls("x").tolerance(1.5));
    }

    @Test
    void aCheckOnAColumnTheDatasetLacksIsADefinitionError() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> DataProduct.builder("p")
                .domain("d").version("1.0.0").owner(Owner.person("A B", "a@example.com")).purpose("P.")
                .input(new TestInputPort("in"))
                .output(DatasetSpec.named("out").field("id", LogicalType.STRING))
                .transform(ctx -> ctx.input("in"))
                .check(Check.completeness("idd").atLeast(1), Check.predicate(Expr.col("total").ge(0)).noFailures(),
                        Check.references("id", "customers", "id").noFailures(),
                        Check.rowCount().atLeast(1).on("other"), Check.unique("id"), Check.unique("id"))
                .build());
        List<String> problems = e.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("check 'completeness(idd)' reads column 'idd', which dataset 'out' does "
                + "not have"), problems.get(0));
        assertTrue(problems.get(1).contains("reads column 'total'"), problems.get(1));
        assertTrue(problems.get(2).contains("refers to dataset 'customers'"), problems.get(2));
        assertTrue(problems.get(3).contains("checks dataset 'other', which is not an output"), problems.get(3));
        assertTrue(problems.get(4).contains("is declared twice"), problems.get(4));
    }

    @Test
    void checksWithoutADatasetApplyToTheOnlyOutput() {
        DataProduct p = DataProduct.builder("p")
                .domain("d").version("1.0.0").owner(Owner.person("A B", "a@example.com")).purpose("P.")
                .input(new TestInputPort("in"))
                .output(DatasetSpec.named("out").field("id", LogicalType.STRING))
                .transform(ctx -> ctx.input("in"))
                .check(Check.unique("id"), Check.rowCount().atLeast(10).named("enough rows"))
                .build();
        assertEquals(List.of("out", "out"), p.checks().stream().map(Check::dataset).toList());
        assertEquals("enough rows", p.checks().get(1).name());
    }
}

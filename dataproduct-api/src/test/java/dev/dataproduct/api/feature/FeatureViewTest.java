package dev.dataproduct.api.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureViewTest {
    static final ProductInput SOURCE = ProductInput.of("urn:dataproduct:k12:attendance-events", 1).dataset("attendance");

    static FeatureView.Builder view() {
        return FeatureView.builder("signals").source(SOURCE).entity(Entity.of("student", "student_id"))
                .eventTime("date").createdTime("recorded_at").maxAge(Duration.ofDays(7))
                .feature(Feature.rolling("absence_rate_10d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"),
                        Duration.ofDays(10)));
    }

    @Test
    void declaresTheFeatureTableWithTheJoinKeyAsTheEntitysConformedKeyAndTimesAsInstants() {
        DatasetSpec table = view().build().dataset();
        assertEquals(List.of("student_id", "date", "recorded_at", "absence_rate_10d"),
                table.schema().fields().stream().map(f -> f.name()).toList());
        assertEquals(Optional.of("student"), table.schema().field("student_id").orElseThrow().conformedKey());
        assertEquals(LogicalType.TIMESTAMP_TZ, table.schema().field("date").orElseThrow().type());
        assertEquals(LogicalType.FLOAT64, table.schema().field("absence_rate_10d").orElseThrow().type());
    }

    @Test
    void reportsEveryProblemOfAViewAtOnce() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> FeatureView
                .builder("Bad Name").entity(Entity.of("student", "student_id")).eventTime("student_id")
                .maxAge(Duration.ZERO).feature(Feature.column("student_id", LogicalType.STRING)).build());
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("no source"), e.getMessage());
        assertTrue(e.getMessage().contains("maximum age must be positive"), e.getMessage());
    }

    @Test
    void refusesARollingFeatureWithoutAWindowOrOfAnotherTypeThanItsAggregation() {
        assertThrows(IllegalArgumentException.class, () -> new Feature("f", LogicalType.FLOAT64, Expr.col("x"),
                Optional.of(Aggregation.SUM), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Feature("f", LogicalType.INT32, Expr.col("x"),
                Optional.of(Aggregation.SUM), Optional.of(Duration.ofDays(1))));
        assertEquals(LogicalType.INT64, Feature.rolling("n", Aggregation.COUNT, Expr.col("x"), Duration.ofDays(1))
                .type());
    }

    @Test
    void pinsAFeatureSetWithAVersionAndTheModelVersionThatUsesIt() {
        FeatureView v = view().build();
        FeatureSet set = FeatureSet.builder("risk", "1.2.0").features(v, "absence_rate_10d").build()
                .usedBy("risk-model:3");
        assertEquals("1.2.0", set.version().toString());
        assertEquals(Optional.of("risk-model:3"), set.modelVersion());
        assertEquals(List.of("signals:absence_rate_10d"), set.qualifiedNames());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> FeatureSet.builder("risk", "1.0.0").features(v, "nope").build());
        assertTrue(e.getMessage().contains("has no feature 'nope'"), e.getMessage());
    }

    @Test
    void keepsAValueOnlyWithThePresentStatus() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureValue(Optional.of(1), FeatureStatus.EXPIRED,
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new FeatureValue(Optional.empty(), FeatureStatus.PRESENT,
                Optional.empty()));
    }
}

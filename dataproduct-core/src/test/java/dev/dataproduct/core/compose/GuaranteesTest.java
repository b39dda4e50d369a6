package dev.dataproduct.core.compose;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.slo.Objective;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuaranteesTest {
    static final String P = "urn:dataproduct:retail:";

    static List<String> problems(DataProduct... products) {
        return assertThrows(InvalidDefinitionException.class, () -> Mesh.of(List.of(products))).problems();
    }

    @Test
    void refusesAFreshnessTighterThanAnInputRefreshedDaily() {
        DataProduct daily = Orders.standalone("daily").objective(Objective.frequency(Duration.ofDays(1))).build();
        DataProduct hourly = Orders.reading("hourly", "daily").objective(Objective.freshness(Duration.ofHours(1)))
                .build();

        assertEquals(List.of(P + "hourly:v1 promises freshness within PT1H, which its input 'daily' cannot support; "
                + "the chain that limits it: " + P + "hourly:v1 (freshness within PT1H) <- input 'daily' <- " + P
                + "daily:v1 (data up to PT24H old, by frequency objective 'frequency')"), problems(daily, hourly));
    }

    @Test
    void acceptsAFreshnessNoTighterThanTheInputsOnTheDatasetRead() {
        DataProduct source = Orders.standalone("source")
                .objective(Objective.freshness(Duration.ofHours(6)).on("orders"), Objective.frequency(Duration.ofDays(1)))
                .build();
        DataProduct derived = Orders.reading("derived", "source").objective(Objective.freshness(Duration.ofHours(6)))
                .build();

        assertDoesNotThrow(() -> Mesh.of(List.of(source, derived)));
    }

    @Test
    void refusesAFreshnessOverAnInputThatPromisesNone() {
        DataProduct silent = Orders.standalone("silent").build();
        DataProduct derived = Orders.reading("derived", "silent").objective(Objective.freshness(Duration.ofDays(2)))
                .build();

        List<String> problems = problems(silent, derived);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith(P + "silent:v1 (no freshness or frequency objective)"), problems.get(0));
    }

    @Test
    void namesTheWholeChainOfInputsThatLimitAPromise() {
        DataProduct raw = Orders.standalone("raw").objective(Objective.frequency(Duration.ofDays(1))).build();
        DataProduct clean = Orders.reading("clean", "raw").objective(Objective.freshness(Duration.ofDays(1))).build();
        DataProduct report = Orders.reading("report", "clean").objective(Objective.freshness(Duration.ofHours(2)))
                .build();

        List<String> problems = problems(raw, clean, report);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).endsWith(P + "report:v1 (freshness within PT2H) <- input 'clean' <- " + P
                + "clean:v1 (data up to PT24H old, by freshness objective 'freshness') <- input 'raw' <- " + P
                + "raw:v1 (data up to PT24H old, by frequency objective 'frequency')"), problems.get(0));
    }

    @Test
    void refusesAnAvailabilityAboveTheInputs() {
        DataProduct source = Orders.standalone("source").objective(Objective.availability().target(0.99)).build();
        DataProduct derived = Orders.reading("derived", "source").objective(Objective.availability().target(0.999))
                .build();
        DataProduct modest = Orders.reading("modest", "source").objective(Objective.availability().target(0.95))
                .build();

        List<String> problems = problems(source, derived, modest);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(P + "derived:v1 promises availability target 0.999"), problems.get(0));
        assertTrue(problems.get(0).endsWith("(availability target 0.99)"), problems.get(0));
    }

    @Test
    void refusesABetterSupportTierThanTheInputs() {
        DataProduct source = Orders.standalone("source").supportTier(3).build();
        DataProduct derived = Orders.reading("derived", "source").supportTier(1).build();
        DataProduct same = Orders.reading("same", "source").supportTier(3).build();

        List<String> problems = problems(source, derived, same);

        assertEquals(List.of(P + "derived:v1 promises support tier 1, which its input 'source' cannot support; the "
                + "chain that limits it: " + P + "derived:v1 (support tier 1) <- input 'source' <- " + P
                + "source:v1 (support tier 3)"), problems);
    }

    @Test
    void refusesAHigherQualityTierThanTheInputsUnlessItsOwnChecksEarnIt() {
        DataProduct bronze = Orders.standalone("bronze").qualityTier(QualityTier.BRONZE).build();
        DataProduct gold = Orders.reading("gold", "bronze").qualityTier(QualityTier.GOLD).build();
        DataProduct earned = Orders.reading("earned", "bronze").qualityTier(QualityTier.GOLD)
                .check(Check.unique("id").named("unique-ids"), Check.completeness("email").named("emails").atLeast(0.99))
                .qualityEarnedBy("unique-ids", "emails")
                .build();

        List<String> problems = problems(bronze, gold, earned);

        assertEquals(List.of(P + "gold:v1 promises quality tier GOLD, which its input 'bronze' cannot support; the "
                + "chain that limits it: " + P + "gold:v1 (quality tier GOLD) <- input 'bronze' <- " + P
                + "bronze:v1 (quality tier BRONZE); or name the product's own blocking checks that earn the tier with "
                + "qualityEarnedBy(...)"), problems);
    }

    @Test
    void refusesChecksThatCannotEarnATier() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> Orders
                .reading("earned", "bronze").qualityTier(QualityTier.GOLD)
                .check(Check.completeness("email").named("emails").atLeast(0.99).severity(Severity.WARNING))
                .qualityEarnedBy("emails", "absent")
                .build());

        assertEquals(List.of("qualityEarnedBy names check 'emails', which is not blocking: a check that earns a "
                        + "quality tier needs severity error, so that failing data is not published",
                "qualityEarnedBy names check 'absent', which the product does not declare; its checks are [emails]"),
                e.problems());
    }
}

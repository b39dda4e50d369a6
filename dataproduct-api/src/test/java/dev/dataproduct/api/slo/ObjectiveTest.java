package dev.dataproduct.api.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private static DataProduct.Builder product() {
        OutputPort rest = new OutputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("rest", "http", "json", "");
            }

            @Override
            public void publish(dev.dataproduct.api.port.CommittedSnapshot snapshot) {
            }
        };
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                .serve(rest)
                .transform(ctx -> { throw new UnsupportedOperationException(); });
    }

    @Test
    void aProductKeepsItsObjectivesInOrder() {
        DataProduct p = product().objective(Objective.freshness(Duration.ofHours(1)),
                Objective.availability().on("rest").target(0.999)).build();
        assertEquals(2, p.objectives().size());
        assertEquals("availability-rest", p.objectives().get(1).name());
        assertEquals(0.999, p.objectives().get(1).target());
    }

    @Test
    void refusesObjectivesOnUnknownDatasetsOrPortsAndTwiceTheSameName() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> product()
                .objective(Objective.completeness(0.9).on("orders"), Objective.availability().on("sql"),
                        Objective.freshness(Duration.ofHours(1)), Objective.freshness(Duration.ofHours(2)))
                .build());
        assertTrue(e.getMessage().contains("objective 'completeness-orders' is on 'orders', which is no output dataset"),
                e.getMessage());
        assertTrue(e.getMessage().contains("objective 'availability-sql' is on 'sql', which is no output port"),
                e.getMessage());
        assertTrue(e.getMessage().contains("objective 'freshness' is declared more than once"), e.getMessage());
    }

    @Test
    void freshnessOfAnEventTimeColumnNeedsAFreshnessCheckOnIt() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> product()
                .objective(Objective.freshness(Duration.ofHours(1)).on("purchases.id")).build());
        assertTrue(e.getMessage().contains("measures the newest event time of purchases.id, which needs a freshness "
                + "check on it"), e.getMessage());
        DataProduct ok = product().check(dev.dataproduct.api.quality.Check.freshness("id").within(Duration.ofDays(1)))
                .objective(Objective.freshness(Duration.ofHours(1)).on("purchases.id")).build();
        assertEquals("purchases.id", ok.objectives().get(0).scope());
    }

    @Test
    void refusesTargetsThatLeaveNoBudgetAndDurationsThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> Objective.availability().target(1.0));
        assertThrows(IllegalArgumentException.class, () -> Objective.freshness(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Objective.completeness(1.5));
        assertThrows(IllegalArgumentException.class, () -> Objective.availability().window(0));
        assertEquals(0.01, Objective.availability().errorBudget(), 1e-12);
    }
}

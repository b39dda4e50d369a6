package dev.dataproduct.core.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Indicator;
import dev.dataproduct.api.slo.Objective;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObjectivesTest {

    private static DataProduct.Builder base() {
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> { throw new UnsupportedOperationException(); });
    }

    /** The product's generated contract with these SLA properties. */
    private static DataContract withSla(List<SlaProperty> sla) {
        DataContract c = base().build().contract();
        return new DataContract(c.apiVersion(), c.kind(), c.id(), c.version(), c.status(), c.name(), c.domain(),
                c.dataProduct(), c.tenant(), c.tags(), c.description(), c.schema(), c.servers(), c.roles(), c.team(),
                c.support(), c.price(), sla, c.slaDefaultElement(), c.customProperties(),
                c.authoritativeDefinitions(), c.contractCreatedTs(), c.extensions());
    }

    @Test
    void readsTheMeasurableOdcsSlaPropertiesAndLetsDeclaredObjectivesWin() {
        DataContract contract = withSla(List.of(
                SlaProperty.of("latency", 4, "d"),
                SlaProperty.of("retention", 3, "y"),
                SlaProperty.of("availability", 99.9, "%"),
                SlaProperty.of("frequency", "12", "hours"),
                SlaProperty.of("endOfLife", "2030-01-01", "")));
        DataProduct product = base().contract(contract)
                .objective(Objective.freshness(Duration.ofHours(26)).target(0.95)).build();
        Map<String, Objective> all = Objectives.of(product).stream()
                .collect(Collectors.toMap(Objective::name, Function.identity()));
        assertEquals(List.of("freshness", "retention", "availability", "frequency"),
                Objectives.of(product).stream().map(Objective::name).toList());
        assertEquals(Optional.of(Duration.ofHours(26)), all.get("freshness").limit(), "declared wins over latency");
        assertEquals(0.95, all.get("freshness").target());
        assertEquals(Optional.of(Duration.ofDays(3 * 365)), all.get("retention").limit());
        assertEquals(0.999, all.get("availability").target(), 1e-12);
        assertEquals(Optional.of(Duration.ofHours(12)), all.get("frequency").limit());
        assertEquals(Objective.DEFAULT_WINDOW_DAYS, all.get("retention").windowDays());
        assertEquals(Indicator.FRESHNESS,
                Objectives.fromSla(contract).get(0).indicator(), "latency is read as freshness");
    }

    @Test
    void aLatencyOnAnElementIsTheFreshnessOfThatEventTime() {
        SlaProperty latency = new SlaProperty("", "latency", Optional.of(24), Optional.empty(), "h",
                "purchases.purchased_at", "", "", "", "", Map.of());
        Objective o = Objectives.fromSla(withSla(List.of(latency))).get(0);
        assertEquals("purchases.purchased_at", o.scope());
        assertEquals("freshness-purchases-purchased-at", o.name());
        assertEquals(Optional.of(Duration.ofHours(24)), o.limit());

        DataContract c = withSla(List.of(SlaProperty.of("latency", 2, "d")));
        DataContract withDefault = new DataContract(c.apiVersion(), c.kind(), c.id(), c.version(), c.status(),
                c.name(), c.domain(), c.dataProduct(), c.tenant(), c.tags(), c.description(), c.schema(), c.servers(),
                c.roles(), c.team(), c.support(), c.price(), c.slaProperties(), "purchases.purchased_at",
                c.customProperties(), c.authoritativeDefinitions(), c.contractCreatedTs(), c.extensions());
        assertEquals("purchases.purchased_at", Objectives.fromSla(withDefault).get(0).scope(),
                "the contract's slaDefaultElement applies where a property names no element");
    }

    @Test
    void refusesSlaPropertiesItCannotMeasureWithWhereAndWhy() {
        DataContract contract = withSla(List.of(SlaProperty.of("latency", 4, "fortnights"),
                SlaProperty.of("retention", "long", "d")));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Objectives.fromSla(contract));
        assertTrue(e.getMessage().contains("slaProperties[0] (latency): unit 'fortnights'"), e.getMessage());
        assertTrue(e.getMessage().contains("slaProperties[1] (retention): value 'long' is not a number"),
                e.getMessage());
    }

    @Test
    void exportsEachObjectiveAsAnOpenSloSliAndAnSloThatRefersToIt() throws Exception {
        DataProduct product = base().objective(Objective.freshness(Duration.ofHours(26)).target(0.95).window(7),
                Objective.completeness(0.99).on("purchases")).build();
        String yaml = OpenSlo.yaml(product);
        List<JsonNode> docs;
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            docs = it.readAll();
        }
        assertEquals(List.of("SLI", "SLO", "SLI", "SLO"), docs.stream().map(d -> d.get("kind").asText()).toList());
        for (JsonNode d : docs) {
            assertEquals("openslo/v1", d.get("apiVersion").asText());
            assertTrue(d.at("/metadata/name").asText().matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"), d.toString());
        }
        JsonNode sli = docs.get(0);
        JsonNode slo = docs.get(1);
        assertEquals(sli.at("/metadata/name").asText(), slo.at("/spec/indicatorRef").asText());
        assertEquals("purchases-freshness", slo.at("/metadata/name").asText());
        assertEquals("7d", slo.at("/spec/timeWindow/0/duration").asText());
        assertTrue(slo.at("/spec/timeWindow/0/isRolling").asBoolean());
        assertEquals("Occurrences", slo.at("/spec/budgetingMethod").asText());
        assertEquals(0.95, slo.at("/spec/objectives/0/target").asDouble());
        assertEquals("good", sli.at("/spec/ratioMetric/good/metricSource/spec/events").asText());
        assertEquals(product.address().urn(), sli.at("/spec/ratioMetric/total/metricSource/spec/product").asText());
        assertEquals("purchases", docs.get(3).at("/metadata/annotations/dataproduct.dev~1dataset").asText());
    }
}

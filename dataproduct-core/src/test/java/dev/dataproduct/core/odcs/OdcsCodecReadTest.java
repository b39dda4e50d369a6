package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.contract.Team;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OdcsCodecReadTest {
    private final DataContract full = OdcsTestFiles.read(OdcsTestFiles.FULL);

    private SchemaProperty property(String object, String name) {
        return full.object(object).flatMap(o -> o.property(name)).orElseThrow();
    }

    @Test
    void readsTopLevelFieldsOfTheFullExample() {
        assertEquals("v3.1.0", full.apiVersion());
        assertEquals("DataContract", full.kind());
        assertEquals("53581432-6c55-4ba2-a65f-72344a91553a", full.id());
        assertEquals("seller_payments", full.name());
        assertEquals("1.1.0", full.version());
        assertEquals("active", full.status());
        assertEquals("seller", full.domain());
        assertEquals("my quantum", full.dataProduct());
        assertEquals("ClimateQuantumInc", full.tenant());
        assertEquals(List.of("transactions", "payments"), full.tags());
        assertEquals("tab1.txn_ref_dt", full.slaDefaultElement());
        assertEquals("2022-11-15T02:59:43+00:00", full.contractCreatedTs());
        assertEquals("Predict sales over time", full.description().usage());
        assertEquals("GDPR statement", full.description().authoritativeDefinitions().get(0).description());
        assertEquals("https://contracts.example.com/seller_payments.yaml", full.authoritativeDefinitions().get(0).url());
    }

    @Test
    void keepsUnknownFieldsAsExtensionsAtTheirLevel() {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewer", "jdoe");
        review.put("approved", true);
        review.put("score", new BigDecimal("4.5"));
        assertEquals(Map.of("x-owner-notes", "top-level extension", "x-review", review), full.extensions());
        assertEquals(Map.of("x-description-note", "kept"), full.description().extensions());
        assertEquals(List.of(1L, "two", Map.of("three", 3L)),
                full.object("tbl").orElseThrow().extensions().get("x-object-ext"));
        assertEquals(Map.of("nested", List.of("a", "b")),
                property("tbl", "rcvr_cntry_code").extensions().get("x-property-ext"));
        assertEquals(Map.of("x-items-ext", "deep"), property("tbl", "line_items").items().orElseThrow()
                .properties().get(2).items().orElseThrow().extensions());
        assertEquals(Map.of("x-server-ext", "keep-me"), full.servers().get(0).extensions());
        assertEquals(Map.of("x-price-note", "excl. VAT"), full.price().orElseThrow().extensions());
        assertEquals(Map.of("x-team-ext", true), full.team().orElseThrow().extensions());
        assertEquals(Map.of("x-member-ext", 7L), full.team().orElseThrow().members().get(1).extensions());
        assertEquals(Map.of("x-sla-ext", "sla-extension"), full.sla("archived").orElseThrow().extensions());
        assertEquals(Map.of("x-cp-ext", 1L), full.customProperties().get(3).extensions());
        assertEquals(Map.of("x-rel-ext", "single"), full.object("tbl").orElseThrow().relationships().get(1).extensions());
        assertEquals(Map.of("x-rule-ext", true), property("tbl", "amount").quality().get(4).extensions());
    }

    @Test
    void readsPropertiesWithTheirOptionsAndFlags() {
        SchemaProperty date = property("tbl", "transaction_reference_date");
        assertEquals("txn_ref_dt", date.physicalName());
        assertEquals("date", date.logicalType());
        assertEquals(Map.of("format", "yyyy-MM-dd", "minimum", "2020-01-01", "exclusiveMaximum", "2030-01-01"),
                date.logicalTypeOptions());
        assertTrue(date.partitioned());
        assertEquals(1, date.partitionKeyPosition());
        assertFalse(date.primaryKey());
        assertEquals(-1, date.primaryKeyPosition());
        assertEquals(List.of("table_name_1", "table_name_2", "table_name_3"), date.transformSourceObjects());
        assertEquals(List.of("2022-10-03", "2020-01-28"), date.examples(), "unquoted YAML dates stay text");

        SchemaProperty id = property("tbl", "rcvr_id");
        assertTrue(id.primaryKey() && id.required() && id.unique());
        assertEquals(1, id.primaryKeyPosition());
        assertEquals(Optional.of(18L), id.option("maxLength"));
        assertEquals(Optional.of("^[A-Z0-9]+$"), id.option("pattern"));
        assertTrue(property("tbl", "rcvr_cntry_code").criticalDataElement());

        SchemaProperty amount = property("tbl", "amount");
        assertEquals(0L, amount.option("minimum").orElseThrow());
        assertEquals(new BigDecimal("1000000.50"), amount.option("maximum").orElseThrow());
        assertEquals(new BigDecimal("-0.01"), amount.option("exclusiveMinimum").orElseThrow());
        assertEquals(Optional.of(true), property("tbl", "paid_at").option("timezone"));
        assertEquals("time", property("tbl", "cutoff").logicalType());
    }

    @Test
    void readsNestedObjectAndArrayProperties() {
        SchemaProperty payer = property("tbl", "payer");
        assertEquals(Map.of("minProperties", 1L, "maxProperties", 3L, "required", List.of("payer_id")),
                payer.logicalTypeOptions());
        SchemaProperty address = payer.properties().get(1);
        assertEquals("address", address.name());
        assertEquals(List.of("street", "zip"), address.properties().stream().map(SchemaProperty::name).toList());
        assertEquals(List.of("02134", "75001"), address.properties().get(1).examples());

        SchemaProperty lines = property("tbl", "line_items");
        SchemaProperty item = lines.items().orElseThrow();
        assertEquals("", item.name());
        assertEquals("object", item.logicalType());
        assertEquals(Optional.of("^SKU-\\d{6}$"), item.properties().get(0).option("pattern"));
        assertEquals("string", item.properties().get(2).items().orElseThrow().logicalType());
    }

    @Test
    void readsRelationshipsAtObjectAndPropertyLevel() {
        List<Relationship> relationships = full.object("tbl").orElseThrow().relationships();
        assertEquals(List.of("tbl.rcvr_id", "tbl.rcvr_cntry_code"), relationships.get(0).from());
        assertEquals(List.of("receivers.id", "receivers.country_code"), relationships.get(0).to());
        assertEquals("many-to-one", relationships.get(0).customProperties().get(0).value());
        assertEquals(List.of("tbl.txn_id"), relationships.get(1).from());
        assertEquals("", relationships.get(1).type());
        Relationship onProperty = property("tbl", "rcvr_id").relationships().get(0);
        assertEquals(List.of(), onProperty.from());
        assertEquals(List.of("receivers.id"), onProperty.to());
        assertEquals("foreignKey", onProperty.type());
    }

    @Test
    void readsEveryKindOfQualityRuleWithItsOperator() {
        List<QualityRule> onObject = full.object("tbl").orElseThrow().quality();
        assertEquals("rowCount", onObject.get(0).metric());
        assertEquals("mustBeGreaterThan", onObject.get(0).operator());
        assertEquals(Optional.of(1000000L), onObject.get(0).operatorValue());
        assertEquals("reconciliation", onObject.get(0).method());
        assertEquals(Optional.of(List.of(100L, 120L)), onObject.get(1).operatorValue());
        assertEquals(Map.of("properties", List.of("tenant_id", "order_id")), onObject.get(2).arguments());
        assertEquals("text", onObject.get(3).type());
        assertEquals("", onObject.get(3).operator());
        assertEquals("soda", onObject.get(4).engine());
        assertTrue(((String) onObject.get(4).implementation().orElseThrow()).startsWith("type: duplicate_percent\n"));
        assertEquals(Map.of("expectation_type", "expect_table_row_count_to_be_between",
                "kwargs", Map.of("min_value", 10L, "max_value", 50L)), onObject.get(5).implementation().orElseThrow());
        assertEquals(Optional.of("settled"), onObject.get(7).operatorValue());

        QualityRule nulls = property("tbl", "rcvr_cntry_code").quality().get(0);
        assertEquals(List.of("q_null", "no nulls", "library", "completeness", "error", "operational", "0 20 * * *",
                        "cron"),
                List.of(nulls.id(), nulls.name(), nulls.type(), nulls.dimension(), nulls.severity(),
                        nulls.businessImpact(), nulls.schedule(), nulls.scheduler()));
        assertEquals(List.of("critical"), nulls.tags());
        assertEquals("implementation", nulls.authoritativeDefinitions().get(0).type());
        QualityRule missing = property("tbl", "rcvr_cntry_code").quality().get(1);
        assertEquals(Map.of("missingValues", Arrays.asList(null, "", "N/A", "n/a")), missing.arguments());
        QualityRule sql = property("tbl", "rcvr_cntry_code").quality().get(3);
        assertEquals("SELECT COUNT(*) FROM {object} WHERE {property} IS NOT NULL\n", sql.query());
        assertEquals("mustBeGreaterOrEqualTo", sql.operator());

        List<String> operators = property("tbl", "amount").quality().stream().map(QualityRule::operator).toList();
        assertEquals(List.of("mustNotBe", "mustBeBetween", "mustNotBeBetween", "mustBeGreaterThan", "mustBeLessThan"),
                operators);
        assertEquals(Optional.of(List.of(10L, new BigDecimal("99.5"))),
                property("tbl", "amount").quality().get(1).operatorValue());
    }

    @Test
    void readsServersWithTheirTypeSpecificFields() {
        Server pg = full.servers().get(0);
        assertEquals(List.of("pg", "my-postgres", "postgres", "Production warehouse", "prod"),
                List.of(pg.id(), pg.server(), pg.type(), pg.description(), pg.environment()));
        assertEquals(Map.of("host", "localhost", "port", 5432L, "database", "pypl-edw", "schema", "pp_access_views"),
                pg.properties());
        assertEquals("pg_reader", pg.roles().get(0).role());
        assertEquals(List.of("postgres", "s3", "bigquery", "kafka", "snowflake", "duckdb", "custom"),
                full.servers().stream().map(Server::type).toList());
        assertEquals("s3://bucket/payments/*.parquet", full.servers().get(1).properties().get("location"));
        assertEquals(Map.of("stream", "payments-v1", "region", "eu-west-1"), full.servers().get(6).properties());
    }

    @Test
    void readsTeamRolesSupportPriceAndCustomProperties() {
        Team team = full.team().orElseThrow();
        assertFalse(team.listForm());
        assertEquals("TSC", team.name());
        assertEquals("2022-08-02", team.members().get(0).dateIn(), "an unquoted YAML date stays text");
        assertEquals("mhopper", team.members().get(0).replacedByUsername());
        assertEquals("+1-555-0100", team.members().get(1).customProperties().get(0).value());
        assertEquals(4711L, team.customProperties().get(0).value());

        assertEquals("mandolorian", full.roles().get(0).secondLevelApprovers());
        assertEquals("JIRA-123", full.roles().get(1).customProperties().get(0).value());
        assertEquals("https://product-feedback.com/join", full.support().get(2).invitationUrl());
        assertEquals(Optional.of(new BigDecimal("9.95")), full.price().orElseThrow().priceAmount());

        assertEquals(List.of("cluster name"), full.customProperties().get(1).value());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxRows", 1000000L);
        limits.put("ratio", new BigDecimal("0.75"));
        limits.put("flags", List.of(true, false));
        limits.put("nothing", null);
        assertEquals(limits, full.customProperties().get(2).value());
        assertEquals(null, full.customProperties().get(3).value());
        assertEquals(Map.of("days", 30L, "archive", true, "tiers", List.of("hot", "cold")),
                full.object("tbl").orElseThrow().customProperties().get(1).value());
    }

    @Test
    void readsEverySlaPropertyKind() {
        assertEquals(14, full.slaProperties().size());
        SlaProperty latency = full.sla("latency").orElseThrow();
        assertEquals(Optional.of(4L), latency.value());
        assertEquals("d", latency.unit());
        assertEquals(Optional.of(1L), full.sla("frequency").orElseThrow().valueExt());
        assertEquals(Optional.of("09:00-08:00"), full.sla("timeOfAvailability").orElseThrow().value());
        assertEquals("regulatory", full.sla("timeOfAvailability").orElseThrow().driver());
        assertEquals(Optional.of(new BigDecimal("99.9")), full.sla("availability").orElseThrow().value());
        assertEquals(Optional.of(false), full.sla("archived").orElseThrow().value());
        SlaProperty repair = full.sla("timeToRepair").orElseThrow();
        assertEquals(List.of("ttr", "cron", "0 * * * *"), List.of(repair.id(), repair.scheduler(), repair.schedule()));
        assertEquals("Monthly uptime", full.sla("availability").orElseThrow().description());
    }

    @Test
    void readsV302TeamListRuleNamesAndBooleanExclusiveBounds() {
        DataContract orders = OdcsTestFiles.read(OdcsTestFiles.V302);
        assertEquals("v3.0.2", orders.apiVersion());
        Team team = orders.team().orElseThrow();
        assertTrue(team.listForm());
        assertEquals(List.of("ceastwood", "daustin"), team.members().stream().map(m -> m.username()).toList());
        assertEquals("2022-10-01", team.members().get(0).dateOut());
        SchemaObject table = orders.object("orders").orElseThrow();
        QualityRule duplicates = table.property("order_id").orElseThrow().quality().get(0);
        assertEquals("duplicateCount", duplicates.rule());
        assertEquals("", duplicates.metric());
        assertEquals("mustBeLessThan", duplicates.operator());
        QualityRule valid = table.property("status").orElseThrow().quality().get(0);
        assertEquals(Map.of("validValues", List.of("open", "shipped", "cancelled")), valid.extensions());
        assertEquals(Optional.of(true), table.property("amount").orElseThrow().option("exclusiveMinimum"));
        assertEquals(Optional.of(true), table.property("ordered_on").orElseThrow().option("exclusiveMinimum"));
        assertEquals("rowCount", table.quality().get(0).rule());
        assertEquals(Map.of("path", "./orders.parquet", "format", "parquet"), orders.servers().get(0).properties());
    }

    @Test
    void readsJsonContractsWithTheSameNumberRules() {
        DataContract customers = OdcsTestFiles.read(OdcsTestFiles.JSON);
        assertEquals("customers", customers.name());
        SchemaProperty score = customers.object("customers").flatMap(o -> o.property("score")).orElseThrow();
        assertEquals(new BigDecimal("1.5E2"), score.option("maximum").orElseThrow(), "1.5E2 reads as written");
        assertEquals(List.of(new BigDecimal("0.5"), 12L, new BigDecimal("-3.25")), score.examples());
        assertEquals(Optional.of(new BigDecimal("10")), customers.price().orElseThrow().priceAmount());
        assertEquals(3306L, customers.servers().get(0).properties().get("port"));
        Map<String, Object> hint = new LinkedHashMap<>();
        hint.put("x-hint", null);
        assertEquals(hint, customers.object("customers").flatMap(o -> o.property("joined")).orElseThrow().extensions());
        assertEquals(Map.of("system", "crm", "exportedAt", "2024-03-01T10:00:00Z", "rows", 120000L,
                "ratio", new BigDecimal("0.125")), customers.extensions().get("x-source"));
        assertEquals(List.of("segments.id"), customers.object("customers").flatMap(o -> o.property("segment_id"))
                .orElseThrow().relationships().get(0).to());
    }
}

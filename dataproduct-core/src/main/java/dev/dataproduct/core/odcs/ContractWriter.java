package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.AuthoritativeDefinition;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.Price;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.contract.SupportChannel;
import dev.dataproduct.api.contract.Team;
import dev.dataproduct.api.contract.TeamMember;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a contract into an ordered tree of plain values in ODCS field order, leaving out empty
 * and default values but for the defaults a property's source wrote
 * ({@link SchemaProperty#writtenDefaults()}). Extensions come last at the level they belong to; the type-specific fields
 * of a server are written flat into the server.
 */
final class ContractWriter {
    private ContractWriter() {
    }

    /** An ordered mapping that skips empty values, except the defaults the source wrote. */
    private static final class Out {
        private final Map<String, Object> map = new LinkedHashMap<>();
        private final Set<String> writtenDefaults;

        Out() {
            this(Set.of());
        }

        Out(Set<String> writtenDefaults) {
            this.writtenDefaults = writtenDefaults;
        }

        Out text(String key, String value) {
            if (!value.isEmpty()) {
                map.put(key, value);
            }
            return this;
        }

        Out flag(String key, boolean value) {
            if (value || writtenDefaults.contains(key)) {
                map.put(key, value);
            }
            return this;
        }

        Out position(String key, int value) {
            if (value > 0 || writtenDefaults.contains(key)) {
                map.put(key, (long) value);
            }
            return this;
        }

        Out value(String key, Object value) {
            map.put(key, value);
            return this;
        }

        Out optional(String key, Optional<?> value) {
            value.ifPresent(v -> map.put(key, v));
            return this;
        }

        Out nonEmpty(String key, Map<String, Object> value) {
            if (!value.isEmpty()) {
                map.put(key, value);
            }
            return this;
        }

        <T> Out list(String key, List<T> values, Function<T, Object> element) {
            if (!values.isEmpty()) {
                map.put(key, values.stream().map(element).toList());
            }
            return this;
        }

        Out texts(String key, List<String> values) {
            return list(key, values, v -> v);
        }

        Out definitions(List<AuthoritativeDefinition> values) {
            return list("authoritativeDefinitions", values, ContractWriter::definition);
        }

        Out customProperties(List<CustomProperty> values) {
            return list("customProperties", values, ContractWriter::customProperty);
        }

        /** Adds fields that no modelled field took, so a key is never written twice. */
        Map<String, Object> with(Map<String, Object> extensions) {
            extensions.forEach(map::putIfAbsent);
            return map;
        }
    }

    static Map<String, Object> contract(DataContract c) {
        Out out = new Out()
                .text("apiVersion", c.apiVersion().isEmpty() ? DataContract.CURRENT_API_VERSION : c.apiVersion())
                .text("kind", c.kind().isEmpty() ? Vocabulary.KIND : c.kind())
                .text("id", c.id()).text("name", c.name()).text("version", c.version()).text("status", c.status())
                .text("domain", c.domain()).text("dataProduct", c.dataProduct()).text("tenant", c.tenant())
                .texts("tags", c.tags())
                .nonEmpty("description", description(c.description()))
                .list("schema", c.schema(), ContractWriter::object)
                .list("servers", c.servers(), ContractWriter::server)
                .optional("team", c.team().map(ContractWriter::team))
                .list("roles", c.roles(), ContractWriter::role)
                .list("support", c.support(), ContractWriter::support)
                .optional("price", c.price().map(ContractWriter::price))
                .text("slaDefaultElement", c.slaDefaultElement())
                .list("slaProperties", c.slaProperties(), ContractWriter::sla)
                .definitions(c.authoritativeDefinitions())
                .customProperties(c.customProperties())
                .text("contractCreatedTs", c.contractCreatedTs());
        return out.with(c.extensions());
    }

    private static Map<String, Object> description(ContractDescription d) {
        return new Out().text("purpose", d.purpose()).text("limitations", d.limitations()).text("usage", d.usage())
                .definitions(d.authoritativeDefinitions()).customProperties(d.customProperties())
                .with(d.extensions());
    }

    private static Object object(SchemaObject o) {
        return new Out().text("id", o.id()).text("name", o.name()).text("physicalName", o.physicalName())
                .text("physicalType", o.physicalType()).text("logicalType", o.logicalType())
                .text("businessName", o.businessName()).text("description", o.description())
                .definitions(o.authoritativeDefinitions()).texts("tags", o.tags())
                .text("dataGranularityDescription", o.dataGranularityDescription())
                .list("relationships", o.relationships(), ContractWriter::relationship)
                .list("properties", o.properties(), ContractWriter::property)
                .list("quality", o.quality(), ContractWriter::quality)
                .customProperties(o.customProperties())
                .with(o.extensions());
    }

    private static Map<String, Object> property(SchemaProperty p) {
        return new Out(p.writtenDefaults()).text("id", p.id()).text("name", p.name())
                .text("physicalName", p.physicalName()).flag("primaryKey", p.primaryKey()).position("primaryKeyPosition", p.primaryKeyPosition())
                .text("businessName", p.businessName()).text("logicalType", p.logicalType())
                .nonEmpty("logicalTypeOptions", p.logicalTypeOptions()).text("physicalType", p.physicalType())
                .flag("required", p.required()).flag("unique", p.unique()).text("description", p.description())
                .flag("partitioned", p.partitioned()).position("partitionKeyPosition", p.partitionKeyPosition())
                .flag("criticalDataElement", p.criticalDataElement()).text("classification", p.classification())
                .text("encryptedName", p.encryptedName()).texts("transformSourceObjects", p.transformSourceObjects())
                .text("transformLogic", p.transformLogic()).text("transformDescription", p.transformDescription())
                .list("examples", p.examples(), v -> v).texts("tags", p.tags())
                .definitions(p.authoritativeDefinitions())
                .optional("items", p.items().map(ContractWriter::property))
                .list("properties", p.properties(), ContractWriter::property)
                .list("relationships", p.relationships(), ContractWriter::relationship)
                .list("quality", p.quality(), ContractWriter::quality)
                .customProperties(p.customProperties())
                .with(p.extensions());
    }

    private static Object relationship(Relationship r) {
        return new Out().text("id", r.id()).text("type", r.type()).optional("from", references(r.from()))
                .optional("to", references(r.to())).customProperties(r.customProperties()).with(r.extensions());
    }

    /** One reference is written as text, a composite key as a list. */
    private static Optional<Object> references(List<String> refs) {
        return refs.isEmpty() ? Optional.empty() : Optional.of(refs.size() == 1 ? refs.get(0) : refs);
    }

    private static Object quality(QualityRule q) {
        Out out = new Out().text("id", q.id()).text("name", q.name()).text("description", q.description())
                .text("type", q.type()).text("dimension", q.dimension()).text("metric", q.metric())
                .text("rule", q.rule()).nonEmpty("arguments", q.arguments());
        if (!q.operator().isEmpty()) {
            out.value(q.operator(), q.operatorValue().orElse(null));
        }
        return out.text("unit", q.unit()).text("query", q.query()).text("engine", q.engine())
                .optional("implementation", q.implementation()).text("method", q.method())
                .text("severity", q.severity()).text("businessImpact", q.businessImpact())
                .text("schedule", q.schedule()).text("scheduler", q.scheduler()).texts("tags", q.tags())
                .definitions(q.authoritativeDefinitions()).customProperties(q.customProperties())
                .with(q.extensions());
    }

    private static Object server(Server s) {
        Out out = new Out().text("id", s.id()).text("server", s.server()).text("type", s.type())
                .text("description", s.description()).text("environment", s.environment());
        s.properties().forEach(out.map::putIfAbsent);
        return out.list("roles", s.roles(), ContractWriter::role).customProperties(s.customProperties())
                .with(s.extensions());
    }

    private static Object role(Role r) {
        return new Out().text("id", r.id()).text("role", r.role()).text("description", r.description())
                .text("access", r.access()).text("firstLevelApprovers", r.firstLevelApprovers())
                .text("secondLevelApprovers", r.secondLevelApprovers()).customProperties(r.customProperties())
                .with(r.extensions());
    }

    private static Object team(Team t) {
        if (t.listForm()) {
            return t.members().stream().map(ContractWriter::member).toList();
        }
        return new Out().text("id", t.id()).text("name", t.name()).text("description", t.description())
                .list("members", t.members(), ContractWriter::member).texts("tags", t.tags())
                .definitions(t.authoritativeDefinitions()).customProperties(t.customProperties())
                .with(t.extensions());
    }

    private static Object member(TeamMember m) {
        return new Out().text("id", m.id()).text("username", m.username()).text("name", m.name())
                .text("description", m.description()).text("role", m.role()).text("dateIn", m.dateIn())
                .text("dateOut", m.dateOut()).text("replacedByUsername", m.replacedByUsername())
                .texts("tags", m.tags()).definitions(m.authoritativeDefinitions())
                .customProperties(m.customProperties()).with(m.extensions());
    }

    private static Object support(SupportChannel s) {
        return new Out().text("id", s.id()).text("channel", s.channel()).text("url", s.url())
                .text("description", s.description()).text("tool", s.tool()).text("scope", s.scope())
                .text("invitationUrl", s.invitationUrl()).customProperties(s.customProperties())
                .with(s.extensions());
    }

    private static Object price(Price p) {
        return new Out().text("id", p.id()).optional("priceAmount", p.priceAmount())
                .text("priceCurrency", p.priceCurrency()).text("priceUnit", p.priceUnit()).with(p.extensions());
    }

    private static Object sla(SlaProperty s) {
        return new Out().text("id", s.id()).text("property", s.property()).optional("value", s.value())
                .optional("valueExt", s.valueExt()).text("unit", s.unit()).text("element", s.element())
                .text("driver", s.driver()).text("description", s.description()).text("scheduler", s.scheduler())
                .text("schedule", s.schedule()).with(s.extensions());
    }

    private static Object customProperty(CustomProperty c) {
        return new Out().text("id", c.id()).text("property", c.property()).value("value", c.value())
                .text("description", c.description()).with(c.extensions());
    }

    private static Object definition(AuthoritativeDefinition a) {
        return new Out().text("id", a.id()).text("url", a.url()).text("type", a.type())
                .text("description", a.description()).with(a.extensions());
    }
}

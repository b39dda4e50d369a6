package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.AuthoritativeDefinition;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.schema.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A compact builder of contracts for tests, following the SDK's ODCS conventions: an SDK type name
 * goes to {@code physicalType} with its ODCS logical type (and {@code format} for integers and
 * floats); an ODCS logical type name goes to {@code logicalType} alone.
 */
final class TestContracts {
    private TestContracts() {
    }

    /** A contract {@code Orders} at a version, shaped by the spec. */
    static DataContract contract(String version, Consumer<ContractBuilder> spec) {
        ContractBuilder b = new ContractBuilder(version);
        spec.accept(b);
        return b.build();
    }

    /** A contract at 1.0.0 with one object {@code orders} whose first property is the key {@code id}. */
    static DataContract orders(Consumer<ObjectBuilder> spec) {
        return contract("1.0.0", c -> c.object("orders", o -> {
            o.prop("id", "string", p -> p.required().primaryKey(1));
            spec.accept(o);
        }));
    }

    /** {@link #orders} with one more property {@code x}, shaped by the spec. */
    static DataContract withX(Consumer<PropBuilder> spec) {
        return orders(o -> o.prop("x", "string", spec));
    }

    /** A library quality rule. */
    static QualityRule rule(String metric, String operator, Object value, String severity) {
        QualityRule r = QualityRule.library(metric, operator, value);
        return new QualityRule(r.id(), r.name(), r.description(), r.type(), r.metric(), r.rule(), r.arguments(),
                r.operator(), r.operatorValue(), r.unit(), r.query(), r.engine(), r.implementation(), r.dimension(),
                severity, r.businessImpact(), r.method(), r.schedule(), r.scheduler(), r.tags(),
                r.authoritativeDefinitions(), r.customProperties(), r.extensions());
    }

    static final class ContractBuilder {
        private final String version;
        private String id = "orders-contract";
        private String status = "active";
        private String purpose = "";
        private String name = "Orders";
        private final List<SchemaObject> objects = new ArrayList<>();
        private final List<SlaProperty> sla = new ArrayList<>();
        private final List<Server> servers = new ArrayList<>();

        private ContractBuilder(String version) {
            this.version = version;
        }

        ContractBuilder id(String value) { id = value; return this; }

        ContractBuilder status(String value) { status = value; return this; }

        ContractBuilder purpose(String value) { purpose = value; return this; }

        ContractBuilder name(String value) { name = value; return this; }

        ContractBuilder object(String objectName, Consumer<ObjectBuilder> spec) {
            ObjectBuilder o = new ObjectBuilder(objectName);
            spec.accept(o);
            objects.add(o.build());
            return this;
        }

        ContractBuilder sla(String property, Object value, String unit) {
            sla.add(SlaProperty.of(property, value, unit));
            return this;
        }

        ContractBuilder server(String serverName, String type) {
            servers.add(new Server("", serverName, type, "", "prod", Map.of(), List.of(), List.of(), Map.of()));
            return this;
        }

        DataContract build() {
            return new DataContract(DataContract.CURRENT_API_VERSION, "DataContract", id, version, status, name,
                    "retail", "", "", List.of(), new ContractDescription(purpose, "", "", List.of(), List.of(),
                    Map.of()), objects, servers, List.of(), Optional.empty(), List.of(), Optional.empty(), sla, "",
                    List.of(), List.of(), "", Map.of());
        }
    }

    static final class ObjectBuilder {
        private final String name;
        private String physicalName = "";
        private final List<SchemaProperty> properties = new ArrayList<>();
        private final List<QualityRule> quality = new ArrayList<>();

        private ObjectBuilder(String name) {
            this.name = name;
        }

        ObjectBuilder physicalName(String value) { physicalName = value; return this; }

        ObjectBuilder prop(String propertyName, String type, Consumer<PropBuilder> spec) {
            properties.add(PropBuilder.build(propertyName, type, spec));
            return this;
        }

        ObjectBuilder quality(QualityRule rule) {
            quality.add(rule);
            return this;
        }

        SchemaObject build() {
            return new SchemaObject("", name, physicalName, "table", "object", "", "", "", List.of(), properties,
                    quality, List.of(), List.of(), List.of(), Map.of());
        }
    }

    static final class PropBuilder {
        private final String name;
        private String type;
        private String id = "";
        private String physicalName = "";
        private boolean required;
        private boolean unique;
        private int primaryKeyPosition = -1;
        private String classification = "";
        private String description = "";
        private String businessName = "";
        private List<String> tags = List.of();
        private List<Object> examples = List.of();
        private List<CustomProperty> customProperties = List.of();
        private List<AuthoritativeDefinition> definitions = List.of();
        private final Map<String, Object> options = new LinkedHashMap<>();
        private final List<QualityRule> quality = new ArrayList<>();
        private final List<Relationship> relationships = new ArrayList<>();
        private final List<SchemaProperty> properties = new ArrayList<>();
        private SchemaProperty items;

        private PropBuilder(String name, String type) {
            this.name = name;
            this.type = type;
        }

        static SchemaProperty build(String name, String type, Consumer<PropBuilder> spec) {
            PropBuilder p = new PropBuilder(name, type);
            spec.accept(p);
            return p.build();
        }

        /** An SDK type name ({@code int32}) or an ODCS logical type ({@code integer}). */
        PropBuilder type(String value) { type = value; return this; }

        PropBuilder id(String value) { id = value; return this; }

        PropBuilder physicalName(String value) { physicalName = value; return this; }

        PropBuilder required() { required = true; return this; }

        PropBuilder unique() { unique = true; return this; }

        PropBuilder primaryKey(int position) { primaryKeyPosition = position; return this; }

        PropBuilder classification(String value) { classification = value; return this; }

        PropBuilder description(String value) { description = value; return this; }

        PropBuilder businessName(String value) { businessName = value; return this; }

        PropBuilder tags(String... values) { tags = List.of(values); return this; }

        PropBuilder examples(Object... values) { examples = List.of(values); return this; }

        PropBuilder custom(String property, Object value) {
            customProperties = List.of(CustomProperty.of(property, value));
            return this;
        }

        PropBuilder definedAt(String url) {
            definitions = List.of(new AuthoritativeDefinition("", "businessDefinition", url, "", Map.of()));
            return this;
        }

        PropBuilder option(String option, Object value) {
            options.put(option, value);
            return this;
        }

        PropBuilder allowed(Object... values) {
            QualityRule r = QualityRule.library("invalidValues", "mustBe", 0);
            quality.add(new QualityRule(r.id(), r.name(), r.description(), r.type(), r.metric(), r.rule(),
                    Map.of("validValues", List.of(values)), r.operator(), r.operatorValue(), r.unit(), r.query(),
                    r.engine(), r.implementation(), r.dimension(), r.severity(), r.businessImpact(), r.method(),
                    r.schedule(), r.scheduler(), r.tags(), r.authoritativeDefinitions(), r.customProperties(),
                    r.extensions()));
            return this;
        }

        PropBuilder quality(QualityRule rule) {
            quality.add(rule);
            return this;
        }

        PropBuilder references(String target) {
            relationships.add(new Relationship("", "foreignKey", List.of(), List.of(target), List.of(), Map.of()));
            return this;
        }

        PropBuilder prop(String propertyName, String propertyType, Consumer<PropBuilder> spec) {
            properties.add(build(propertyName, propertyType, spec));
            return this;
        }

        PropBuilder items(String itemType, Consumer<PropBuilder> spec) {
            items = build("", itemType, spec);
            return this;
        }

        SchemaProperty build() {
            String logical = type;
            String physical = "";
            Map<String, Object> opts = new LinkedHashMap<>(options);
            if (!SchemaProperty.LOGICAL_TYPES.contains(type)) {
                LogicalType t = LogicalType.parse(type);
                physical = t.typeName();
                logical = t.odcsLogicalType();
                if (t instanceof LogicalType.IntegerType) {
                    opts.putIfAbsent("format", "i" + ((LogicalType.IntegerType) t).bitWidth());
                } else if (t instanceof LogicalType.FloatingType) {
                    opts.putIfAbsent("format", "f" + ((LogicalType.FloatingType) t).bitWidth());
                }
            }
            return new SchemaProperty(id, name, physicalName, physical, logical, opts, required, unique,
                    primaryKeyPosition > 0, primaryKeyPosition, false, -1, classification, false, "", List.of(), "",
                    "", examples, description, businessName, tags, Optional.ofNullable(items), properties, quality,
                    relationships, definitions, customProperties, Map.of());
        }
    }
}

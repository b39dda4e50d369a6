package dev.dataproduct.core.odcs;

import static dev.dataproduct.core.odcs.Vocabulary.notOneOf;

import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code schema} section: objects, nested properties, array items, logical type options
 * and relationships, and checks names and key positions for duplicates.
 */
final class SchemaReader {
    private final ContractReader common;
    private final QualityReader quality;
    private final List<String> logicalTypes;

    SchemaReader(ContractReader common) {
        this.common = common;
        this.quality = new QualityReader(common);
        this.logicalTypes = common.v31() ? SchemaProperty.LOGICAL_TYPES : Vocabulary.LOGICAL_TYPES_V30;
    }

    List<SchemaObject> objects(Fields root) {
        Uniques names = new Uniques("object name");
        return root.list("schema", f -> object(f, names));
    }

    private SchemaObject object(Fields f, Uniques names) {
        String id = f.text("id");
        String name = f.requiredText("name");
        names.check(f, "name", name);
        String physicalName = f.text("physicalName");
        String physicalType = f.text("physicalType");
        String logicalType = f.text("logicalType");
        if (!logicalType.isEmpty() && !logicalType.equals("object")) {
            f.problem("logicalType", notOneOf(logicalType, List.of("object")));
        }
        List<SchemaProperty> properties = properties(f, new Uniques("primary key position"));
        return new SchemaObject(id, name, physicalName, physicalType, logicalType, f.text("description"),
                f.text("businessName"), f.text("dataGranularityDescription"), f.texts("tags"), properties,
                f.list("quality", quality::rule), f.list("relationships", r -> relationship(r, true)),
                common.authoritativeDefinitions(f), common.customProperties(f), f.extensions());
    }

    /**
     * @param keyPositions the primary key positions of the object, or null below its top-level
     *     properties
     */
    private List<SchemaProperty> properties(Fields f, Uniques keyPositions) {
        Uniques names = new Uniques("property name");
        return f.list("properties", p -> property(p, names, keyPositions));
    }

    private SchemaProperty property(Fields f, Uniques names, Uniques keyPositions) {
        String id = f.text("id");
        String name = names != null ? f.requiredText("name") : f.text("name");
        if (names != null) {
            names.check(f, "name", name);
        }
        String physicalName = f.text("physicalName");
        String physicalType = f.text("physicalType");
        String logicalType = f.text("logicalType");
        boolean knownType = !logicalTypes.contains(logicalType) && common.v31LogicalType(f, logicalType)
                || common.known(f, "logicalType", logicalType, logicalTypes);
        Map<String, Object> options = f.mapping("logicalTypeOptions");
        if (knownType) {
            new OptionChecks(f.where("logicalTypeOptions"), f.problems(), common.v31()).check(logicalType, options);
        }
        Object examples = f.any("examples");
        if (f.written("examples") && !(examples instanceof List)) {
            f.problem("examples", Fields.expected("a list", examples));
        }
        Optional<SchemaProperty> items = f.object("items").map(i -> property(i, null, null));
        List<SchemaProperty> properties = properties(f, null);
        if (knownType && !logicalType.isEmpty()) {
            if (items.isPresent() && !logicalType.equals("array")) {
                f.problem("items", "only an array has items; logicalType is '" + logicalType + "'");
            }
            if (!properties.isEmpty() && !logicalType.equals("object")) {
                f.problem("properties", "only an object has properties; logicalType is '" + logicalType + "'");
            }
        }
        int keyPosition = f.integer("primaryKeyPosition");
        if (keyPositions != null && keyPosition > 0) {
            keyPositions.check(f, "primaryKeyPosition", keyPosition);
        }
        return new SchemaProperty(id, name, physicalName, physicalType, logicalType, options, f.bool("required"),
                f.bool("unique"), f.bool("primaryKey"), keyPosition, f.bool("partitioned"),
                f.integer("partitionKeyPosition"), f.text("classification"), f.bool("criticalDataElement"),
                f.text("encryptedName"), f.texts("transformSourceObjects"), f.text("transformLogic"),
                f.text("transformDescription"), examples instanceof List ? list(examples) : List.of(),
                f.text("description"), f.text("businessName"), f.texts("tags"), items, properties,
                f.list("quality", quality::rule), f.list("relationships", r -> relationship(r, false)),
                common.authoritativeDefinitions(f), common.customProperties(f), f.extensions(), writtenDefaults(f));
    }

    /** @return the flags written as false and the key positions written as -1, their defaults */
    private static Set<String> writtenDefaults(Fields f) {
        Set<String> written = new HashSet<>();
        for (String key : SchemaProperty.DEFAULTED_KEYS) {
            Object value = f.any(key);
            if (Boolean.FALSE.equals(value) || Long.valueOf(-1).equals(value)) {
                written.add(key);
            }
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private Relationship relationship(Fields f, boolean objectLevel) {
        String id = f.text("id");
        String type = f.text("type");
        common.known(f, "type", type, Vocabulary.RELATIONSHIP_TYPES);
        Object fromValue = f.any("from");
        Object toValue = f.any("to");
        List<String> from = references(f, "from", fromValue);
        List<String> to = references(f, "to", toValue);
        if (toValue == null) {
            f.problem("to", "is required");
        }
        if (!objectLevel && fromValue != null) {
            f.problem("from", "is not allowed on a property, whose relationships start at the property itself");
        } else if (objectLevel && fromValue == null) {
            f.problem("from", "is required");
        } else if (objectLevel && toValue != null) {
            if ((fromValue instanceof List) != (toValue instanceof List)) {
                f.problem("to", "from and to must both be one reference or both be lists of references");
            } else if (from.size() != to.size()) {
                f.problem("to", "has " + to.size() + " references but from has " + from.size());
            }
        }
        return new Relationship(id, type, from, to, common.customProperties(f), f.extensions());
    }

    /** @return one reference or a non-empty list of them, reporting anything else */
    private static List<String> references(Fields f, String key, Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> values = value instanceof List ? (List<?>) value : List.of(value);
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof String && !((String) v).isEmpty()) {
                out.add((String) v);
            } else {
                f.problem(key, Fields.expected("a reference such as 'orders.customer_id', or a list of them", v));
            }
        }
        if (values.isEmpty()) {
            f.problem(key, "must not be an empty list");
        }
        return out;
    }
}

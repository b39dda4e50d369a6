package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.ChangeClass.BREAKING;
import static dev.dataproduct.core.compat.ChangeClass.NEEDS_REVIEW;
import static dev.dataproduct.core.compat.ChangeClass.NON_BREAKING;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Walks two versions of a contract side by side and reports every difference as a {@link Finding}. */
final class ContractDiff {
    private static final List<String> CLASSIFICATIONS = List.of("public", "internal", "confidential", "restricted");

    private final Findings out = new Findings();

    private ContractDiff() {
    }

    static List<Finding> compare(DataContract before, DataContract after) {
        ContractDiff diff = new ContractDiff();
        diff.objects(before.schema(), after.schema());
        SlaDiff.compare(diff.out, before.slaProperties(), after.slaProperties());
        diff.contract(before, after);
        return diff.out.list();
    }

    // ----- schema objects

    private void objects(List<SchemaObject> before, List<SchemaObject> after) {
        for (Pairs.Pair<SchemaObject> p : Pairs.pair(before, after, SchemaObject::name,
                (b, i, a, j) -> sameElement(b.id(), a.id(), b.physicalName(), a.physicalName()))) {
            SchemaObject b = p.before();
            SchemaObject a = p.after();
            if (a == null) {
                out.add(Rule.OBJECT_REMOVED, path(b), "Object '" + b.name() + "' removed with all its properties.");
            } else if (b == null) {
                out.add(Rule.OBJECT_ADDED, path(a), "Object '" + a.name() + "' added.");
            } else {
                if (p.renamed()) {
                    out.add(Rule.OBJECT_RENAMED, path(a), "Object '" + b.name() + "' renamed to '" + a.name() + "'.");
                }
                object(path(a), b, a, p.renamed());
            }
        }
    }

    private void object(String path, SchemaObject b, SchemaObject a, boolean renamed) {
        physicalName(path, b.name(), b.physicalName(), a.name(), a.physicalName(), renamed);
        if (!b.physicalType().equals(a.physicalType())) {
            out.add(Rule.PHYSICAL_TYPE_CHANGED, path, "Object type changed"
                    + Findings.fromTo(b.physicalType(), a.physicalType()) + ".");
        }
        if (!b.dataGranularityDescription().equals(a.dataGranularityDescription())) {
            out.add(Rule.GRANULARITY_CHANGED, path, "Granularity changed"
                    + Findings.fromTo(b.dataGranularityDescription(), a.dataGranularityDescription())
                    + "; what one row stands for may differ.");
        }
        Map<String, String> renames = properties(path, b.properties(), a.properties());
        List<String> keyBefore = primaryKey(b.properties()).stream().map(n -> renames.getOrDefault(n, n))
                .collect(Collectors.toList());
        List<String> keyAfter = primaryKey(a.properties());
        if (!keyBefore.equals(keyAfter)) {
            out.add(Rule.PRIMARY_KEY_CHANGED, path, "Primary key changed from " + keyList(keyBefore) + " to "
                    + keyList(keyAfter) + ".");
        }
        QualityDiff.compare(out, path, b.quality(), a.quality());
        relationships(path, b.relationships(), a.relationships());
        documentation(path, documentation(b), documentation(a));
    }

    private static List<String> primaryKey(List<SchemaProperty> properties) {
        return properties.stream().filter(SchemaProperty::primaryKey)
                .sorted(Comparator.comparingInt(p -> p.primaryKeyPosition() < 0 ? Integer.MAX_VALUE
                        : p.primaryKeyPosition()))
                .map(SchemaProperty::name).collect(Collectors.toList());
    }

    private static String keyList(List<String> key) {
        return key.isEmpty() ? "none" : key.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    // ----- properties

    /** @return the renamed properties, old name to new name */
    private Map<String, String> properties(String parent, List<SchemaProperty> before, List<SchemaProperty> after) {
        Map<String, String> renames = new HashMap<>();
        for (Pairs.Pair<SchemaProperty> p : Pairs.pair(before, after, SchemaProperty::name, ContractDiff::renamed)) {
            SchemaProperty b = p.before();
            SchemaProperty a = p.after();
            if (a == null) {
                out.add(Rule.PROPERTY_REMOVED, propertyPath(parent, b), BREAKING,
                        b.required() ? BREAKING : NON_BREAKING, "Property '" + b.name() + "' removed.");
            } else if (b == null) {
                if (a.required()) {
                    out.add(Rule.PROPERTY_ADDED_REQUIRED, propertyPath(parent, a), "Required property '" + a.name()
                            + "' added; data without it is invalid.");
                } else {
                    out.add(Rule.PROPERTY_ADDED_OPTIONAL, propertyPath(parent, a), "Optional property '"
                            + a.name() + "' added.");
                }
            } else {
                if (p.renamed()) {
                    renames.put(b.name(), a.name());
                    out.add(Rule.PROPERTY_RENAMED, propertyPath(parent, a), "Property '" + b.name()
                            + "' renamed to '" + a.name() + "'.");
                }
                property(propertyPath(parent, a), b, a, p.renamed());
            }
        }
        return renames;
    }

    /**
     * A property that disappears is the same as one that appears if both give the same stable id, or,
     * when they give none, if they have the same type and the same physical name or position.
     */
    private static boolean renamed(SchemaProperty b, int i, SchemaProperty a, int j) {
        if (!b.id().isEmpty() && !a.id().isEmpty()) {
            return b.id().equals(a.id());
        }
        return Types.of(b).equals(Types.of(a)) && (physical(b.name(), b.physicalName())
                .equals(physical(a.name(), a.physicalName())) || i == j);
    }

    private void property(String path, SchemaProperty b, SchemaProperty a, boolean renamed) {
        physicalName(path, b.name(), b.physicalName(), a.name(), a.physicalName(), renamed);
        type(path, b, a);
        if (b.required() != a.required()) {
            if (a.required()) {
                out.add(Rule.REQUIRED_ADDED, path, "Now required; data with null values is invalid.");
            } else {
                out.add(Rule.REQUIRED_REMOVED, path, "No longer required; consumers may now see null values.");
            }
        }
        if (b.unique() != a.unique()) {
            if (a.unique()) {
                out.add(Rule.UNIQUE_ADDED, path, "Values must now be unique.");
            } else {
                out.add(Rule.UNIQUE_REMOVED, path, "Values are no longer promised to be unique.");
            }
        }
        if (b.partitioned() != a.partitioned() || b.partitionKeyPosition() != a.partitionKeyPosition()) {
            out.add(Rule.PARTITIONING_CHANGED, path, a.partitioned()
                    ? "Partitioning changed; the data is partitioned by it at position "
                            + a.partitionKeyPosition() + "."
                    : "The data is no longer partitioned by it.");
        }
        classification(path, b.classification(), a.classification());
        OptionDiff.compare(out, path, isNumeric(b) || isNumeric(a), b.logicalTypeOptions(),
                a.logicalTypeOptions());
        QualityDiff.compare(out, path, b.quality(), a.quality());
        relationships(path, b.relationships(), a.relationships());
        documentation(path, documentation(b), documentation(a));
        if (Types.family(b).equals(Types.family(a))) {
            if (b.items().isPresent() && a.items().isPresent()) {
                property(path + ".items", b.items().get(), a.items().get(), false);
            }
            properties(path, b.properties(), a.properties());
        }
    }

    private static boolean isNumeric(SchemaProperty p) {
        String family = Types.family(p);
        return family.equals("integer") || family.equals("number");
    }

    private void type(String path, SchemaProperty b, SchemaProperty a) {
        boolean structured = b.items().isPresent() && a.items().isPresent()
                || !b.properties().isEmpty() && !a.properties().isEmpty();
        Types.Declared was = Types.of(b);
        Types.Declared is = Types.of(a);
        // nested declarations are compared element by element instead
        Types.Verdict verdict = structured ? (Types.family(b).equals(Types.family(a)) ? Types.Verdict.SAME
                : Types.Verdict.CHANGED) : Types.compare(was, is);
        String change = "Type changed from " + was.label() + " to " + is.label();
        switch (verdict) {
            case WIDENED:
                out.add(Rule.TYPE_WIDENED, path, "Type widened from " + was.label() + " to " + is.label()
                        + "; every old value is still valid.");
                break;
            case NARROWED:
                out.add(Rule.TYPE_NARROWED, path, "Type narrowed from " + was.label() + " to " + is.label()
                        + "; old values may not fit.");
                break;
            case CHANGED:
                out.add(Rule.TYPE_CHANGED, path, change + ", which is not a widening.");
                break;
            case UNCERTAIN:
                out.add(Rule.TYPE_CHANGED, path, NEEDS_REVIEW, NEEDS_REVIEW, change
                        + "; only one version declares the exact type, so the two cannot be compared.");
                break;
            default:
                if (!b.physicalType().equals(a.physicalType()) && Types.sdkType(b.physicalType()).isEmpty()
                        && Types.sdkType(a.physicalType()).isEmpty()) {
                    out.add(Rule.PHYSICAL_TYPE_CHANGED, path, "Physical type changed"
                            + Findings.fromTo(b.physicalType(), a.physicalType()) + ".");
                }
        }
    }

    private void classification(String path, String before, String after) {
        if (before.equalsIgnoreCase(after)) {
            return;
        }
        int b = rank(before);
        int a = rank(after);
        String change = "Classification changed from " + label(before) + " to " + label(after);
        if (b < 0 || a < 0) {
            out.add(Rule.CLASSIFICATION_CHANGED, path, change + "; a person must judge who may see it now.");
        } else if (a > b) {
            out.add(Rule.CLASSIFICATION_MORE_RESTRICTIVE, path, change
                    + "; consumers without the new clearance lose access.");
        } else if (a < b) {
            out.add(Rule.CLASSIFICATION_LESS_RESTRICTIVE, path, change + "; more people may see the values.");
        }
    }

    /** @return the rank of a classification; none counts as internal, the SDK's default; -1 if free text */
    private static int rank(String classification) {
        return classification.isEmpty() ? 1 : CLASSIFICATIONS.indexOf(classification.toLowerCase(Locale.ROOT));
    }

    private static String label(String classification) {
        return classification.isEmpty() ? "(none, so internal)" : classification;
    }

    // ----- shared by objects and properties

    private void documentation(String path, Map<String, Object> before, Map<String, Object> after) {
        before.forEach((field, value) -> out.metadata(path, field, value, after.get(field)));
    }

    /** The fields of an object that only document it, by name. */
    private static Map<String, Object> documentation(SchemaObject o) {
        Map<String, Object> fields = element(o.id(), o.description(), o.businessName(), o.tags());
        fields.put("logicalType", o.logicalType());
        return common(fields, o.authoritativeDefinitions(), o.customProperties(), o.extensions());
    }

    /** The fields of a property that only document it, by name. */
    private static Map<String, Object> documentation(SchemaProperty p) {
        Map<String, Object> fields = element(p.id(), p.description(), p.businessName(), p.tags());
        fields.put("examples", p.examples());
        fields.put("criticalDataElement", p.criticalDataElement());
        fields.put("encryptedName", p.encryptedName());
        fields.put("transformSourceObjects", p.transformSourceObjects());
        fields.put("transformLogic", p.transformLogic());
        fields.put("transformDescription", p.transformDescription());
        return common(fields, p.authoritativeDefinitions(), p.customProperties(), p.extensions());
    }

    private static Map<String, Object> element(String id, String description, String businessName,
                                               List<String> tags) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("description", description);
        fields.put("businessName", businessName);
        fields.put("tags", tags);
        return fields;
    }

    private static Map<String, Object> common(Map<String, Object> fields, Object authoritativeDefinitions,
                                              Object customProperties, Object extensions) {
        fields.put("authoritativeDefinitions", authoritativeDefinitions);
        fields.put("customProperties", customProperties);
        fields.put("extensions", extensions);
        return fields;
    }

    private void relationships(String path, List<Relationship> before, List<Relationship> after) {
        for (Pairs.Pair<Relationship> p : Pairs.pair(before, after, ContractDiff::relationshipKey)) {
            if (p.after() == null) {
                out.add(Rule.RELATIONSHIP_REMOVED, relationshipPath(path, p.before()), "Foreign key "
                        + relationshipKey(p.before()) + " removed.");
            } else if (p.before() == null) {
                out.add(Rule.RELATIONSHIP_ADDED, relationshipPath(path, p.after()), "Foreign key "
                        + relationshipKey(p.after()) + " added; values must now reference existing rows.");
            } else {
                String at = relationshipPath(path, p.after());
                out.metadata(at, "customProperties", p.before().customProperties(), p.after().customProperties());
                out.metadata(at, "extensions", p.before().extensions(), p.after().extensions());
            }
        }
    }

    private static String relationshipKey(Relationship r) {
        String from = r.from().isEmpty() ? "" : String.join(", ", r.from()) + " -> ";
        return (r.type().isEmpty() ? "foreignKey" : r.type()) + " " + from + String.join(", ", r.to());
    }

    private static String relationshipPath(String parent, Relationship r) {
        return Findings.child(parent, "relationships", String.join(",", r.to()));
    }

    private void physicalName(String path, String nameBefore, String before, String nameAfter, String after,
                              boolean renamed) {
        boolean changed = renamed ? !before.isEmpty() && !after.isEmpty() && !before.equals(after)
                : !physical(nameBefore, before).equals(physical(nameAfter, after));
        if (changed) {
            out.add(Rule.PHYSICAL_NAME_CHANGED, path, "Physical name changed from '" + physical(nameBefore, before)
                    + "' to '" + physical(nameAfter, after) + "'; queries against the store must change.");
        }
    }

    private static String physical(String name, String physicalName) {
        return physicalName.isEmpty() ? name : physicalName;
    }

    /** Stable ids decide when both elements give one; otherwise the same physical name does. */
    private static boolean sameElement(String idBefore, String idAfter, String physicalBefore, String physicalAfter) {
        if (!idBefore.isEmpty() && !idAfter.isEmpty()) {
            return idBefore.equals(idAfter);
        }
        return !physicalBefore.isEmpty() && physicalBefore.equals(physicalAfter);
    }

    private static String path(SchemaObject o) {
        return Findings.child("", "schema", o.name());
    }

    private static String propertyPath(String parent, SchemaProperty p) {
        return Findings.child(parent, "properties", p.name());
    }

    // ----- the contract as a whole

    private void contract(DataContract b, DataContract a) {
        if (!b.status().equalsIgnoreCase(a.status())) {
            out.add(Rule.STATUS_CHANGED, "status", "Status changed" + Findings.fromTo(b.status(), a.status()) + ".");
        }
        for (Pairs.Pair<Server> p : Pairs.pair(b.servers(), a.servers(), Server::server)) {
            if (p.after() == null) {
                out.add(Rule.SERVER_REMOVED, serverPath(p.before()), "Server '" + p.before().server()
                        + "' removed; consumers reading there lose the data.");
            } else if (p.before() == null) {
                out.add(Rule.SERVER_ADDED, serverPath(p.after()), "Server '" + p.after().server() + "' added.");
            } else if (!p.before().equals(p.after())) {
                out.add(Rule.SERVER_CHANGED, serverPath(p.after()), "Server '" + p.after().server()
                        + "' changed; consumers may need to connect differently.");
            }
        }
        for (Pairs.Pair<Role> p : Pairs.pair(b.roles(), a.roles(), Role::role)) {
            Role r = p.after() == null ? p.before() : p.after();
            if (!r.equals(p.before()) || !r.equals(p.after())) {
                String what = p.after() == null ? "removed" : p.before() == null ? "added" : "changed";
                out.add(Rule.ROLES_CHANGED, Findings.child("", "roles", r.role()), "Role '" + r.role() + "' "
                        + what + "; who may access the data changes.");
            }
        }
        if (!b.slaDefaultElement().equals(a.slaDefaultElement())) {
            out.add(Rule.SLA_CHANGED, "slaDefaultElement", "The element service levels apply to changed"
                    + Findings.fromTo(b.slaDefaultElement(), a.slaDefaultElement()) + ".");
        }
        out.metadata("description.purpose", "description", b.description().purpose(), a.description().purpose());
        out.metadata("description.limitations", "description", b.description().limitations(),
                a.description().limitations());
        out.metadata("description.usage", "description", b.description().usage(), a.description().usage());
        out.metadata("description", "authoritativeDefinitions", b.description().authoritativeDefinitions(),
                a.description().authoritativeDefinitions());
        out.metadata("description", "customProperties", b.description().customProperties(),
                a.description().customProperties());
        out.metadata("apiVersion", "apiVersion", b.apiVersion(), a.apiVersion());
        out.metadata("name", "name", b.name(), a.name());
        out.metadata("domain", "domain", b.domain(), a.domain());
        out.metadata("dataProduct", "dataProduct", b.dataProduct(), a.dataProduct());
        out.metadata("tenant", "tenant", b.tenant(), a.tenant());
        out.metadata("tags", "tags", b.tags(), a.tags());
        out.metadata("team", "team", b.team().orElse(null), a.team().orElse(null));
        out.metadata("support", "support", b.support(), a.support());
        out.metadata("price", "price", b.price().orElse(null), a.price().orElse(null));
        out.metadata("customProperties", "customProperties", b.customProperties(), a.customProperties());
        out.metadata("authoritativeDefinitions", "authoritativeDefinitions", b.authoritativeDefinitions(),
                a.authoritativeDefinitions());
        out.metadata("extensions", "extensions", b.extensions(), a.extensions());
    }

    private static String serverPath(Server s) {
        return Findings.child("", "servers", s.server());
    }
}

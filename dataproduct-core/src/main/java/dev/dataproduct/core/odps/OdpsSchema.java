package dev.dataproduct.core.odps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structure the official ODPS JSON schemas v1.0.0 and v0.9.0 give a document (the two differ
 * only in the {@code apiVersion} they accept): which properties each object may have, which it
 * must have, their JSON types and enumerations. A document is invalid only where it breaks these;
 * {@code format} keywords are annotations in JSON Schema 2019-09, so a malformed URL is not checked
 * here (the reader notes it where it uses the value).
 */
final class OdpsSchema {
    /** The ODPS versions whose schema this is. */
    static final List<String> API_VERSIONS = List.of("v1.0.0", "v0.9.0");

    private enum Type { STRING, ARRAY, OBJECT, ANY }

    /** One property of an object: its JSON type, what an array holds, the values allowed. */
    private record Prop(Type type, Shape object, Type items, Set<String> allowed) {
    }

    /** An object: its properties in schema order and the ones it must have. */
    private record Shape(String name, Map<String, Prop> props, List<String> required) {
    }

    private static final Prop STRING = new Prop(Type.STRING, null, null, Set.of());
    private static final Prop ANY = new Prop(Type.ANY, null, null, Set.of());
    private static final Prop TAGS = new Prop(Type.ARRAY, null, Type.STRING, Set.of());

    private static final Shape CUSTOM_PROPERTY = shape("CustomProperty", List.of("property", "value"),
            "property", STRING, "value", ANY, "description", STRING);
    private static final Shape AUTHORITATIVE_DEFINITION = shape("AuthoritativeDefinition", List.of("type", "url"),
            "type", oneOf("businessDefinition", "transformationImplementation", "videoTutorial", "tutorial",
                    "implementation"),
            "url", STRING, "description", STRING);
    private static final Shape DESCRIPTION = shape("Description", List.of(),
            "purpose", STRING, "limitations", STRING, "usage", STRING,
            "authoritativeDefinitions", arrayOf(AUTHORITATIVE_DEFINITION), "customProperties", arrayOf(CUSTOM_PROPERTY));
    private static final Shape INPUT_PORT = shape("InputPort", List.of("name", "version", "contractId"),
            "name", STRING, "version", STRING, "contractId", STRING);
    private static final Shape SBOM = shape("SBOM", List.of("url"), "type", STRING, "url", STRING);
    private static final Shape INPUT_CONTRACT = shape("InputContract", List.of("id", "version"),
            "id", STRING, "version", STRING);
    private static final Shape OUTPUT_PORT = shape("OutputPort", List.of("name", "version"),
            "name", STRING, "description", STRING, "type", STRING, "version", STRING, "contractId", STRING,
            "sbom", arrayOf(SBOM), "inputContracts", arrayOf(INPUT_CONTRACT));
    private static final Shape MANAGEMENT_PORT = shape("ManagementPort", List.of("name", "content"),
            "name", STRING, "content", STRING, "type", STRING, "url", STRING, "channel", STRING,
            "description", STRING, "tags", TAGS, "customProperties", arrayOf(CUSTOM_PROPERTY),
            "authoritativeDefinitions", arrayOf(AUTHORITATIVE_DEFINITION));
    private static final Shape SUPPORT = shape("Support", List.of("channel", "url"),
            "channel", STRING, "url", STRING, "description", STRING, "tool", STRING, "scope", STRING,
            "invitationUrl", STRING, "tags", TAGS, "customProperties", arrayOf(CUSTOM_PROPERTY),
            "authoritativeDefinitions", arrayOf(AUTHORITATIVE_DEFINITION));
    private static final Shape TEAM_MEMBER = shape("TeamMember", List.of(),
            "username", STRING, "name", STRING, "description", STRING, "role", STRING, "dateIn", STRING,
            "dateOut", STRING, "replacedByUsername", STRING, "tags", TAGS,
            "customProperties", arrayOf(CUSTOM_PROPERTY), "authoritativeDefinitions", arrayOf(AUTHORITATIVE_DEFINITION));

    private OdpsSchema() {
    }

    private static Shape root(String apiVersion) {
        Set<String> versions = "v0.9.0".equals(apiVersion) ? Set.of("v0.9.0") : Set.copyOf(API_VERSIONS);
        return shape("DataProduct", List.of("apiVersion", "kind", "id", "status"),
                "apiVersion", new Prop(Type.STRING, null, null, versions), "kind", oneOf("DataProduct"),
                "id", STRING, "name", STRING, "version", STRING, "status", STRING, "domain", STRING, "tenant", STRING,
                "authoritativeDefinitions", arrayOf(AUTHORITATIVE_DEFINITION),
                "description", new Prop(Type.OBJECT, DESCRIPTION, null, Set.of()),
                "customProperties", arrayOf(CUSTOM_PROPERTY), "tags", TAGS,
                "inputPorts", arrayOf(INPUT_PORT), "outputPorts", arrayOf(OUTPUT_PORT),
                "managementPorts", arrayOf(MANAGEMENT_PORT), "support", arrayOf(SUPPORT),
                "team", arrayOf(TEAM_MEMBER), "productCreatedTs", STRING);
    }

    /**
     * @param document a parsed document
     * @return every place where it breaks the schema, each starting with its JSON path; empty if valid
     */
    static List<String> violations(JsonNode document) {
        List<String> out = new ArrayList<>();
        if (document == null || !document.isObject()) {
            out.add("$: an ODPS document is an object, found " + typeOf(document));
            return out;
        }
        object(root(document.path("apiVersion").asText()), document, "$", out);
        return out;
    }

    private static void object(Shape shape, JsonNode node, String path, List<String> out) {
        for (String name : shape.required()) {
            if (!node.has(name)) {
                out.add(path + "." + name + ": missing; " + shape.name() + " requires " + shape.required());
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Prop prop = shape.props().get(field.getKey());
            String at = path + "." + field.getKey();
            if (prop == null) {
                out.add(at + ": not a property of " + shape.name() + " in the ODPS schema; it allows "
                        + shape.props().keySet()
                        + " (put extensions in customProperties)");
            } else {
                value(prop, field.getValue(), at, out);
            }
        }
    }

    private static void value(Prop prop, JsonNode node, String path, List<String> out) {
        switch (prop.type()) {
            case ANY -> {
            }
            case STRING -> {
                if (!node.isTextual()) {
                    out.add(path + ": must be a string, found " + typeOf(node)
                            + (node.isNumber() || node.isBoolean() ? " (quote it in YAML)" : ""));
                } else if (!prop.allowed().isEmpty() && !prop.allowed().contains(node.asText())) {
                    out.add(path + ": '" + node.asText() + "' is not one of " + prop.allowed().stream().sorted().toList());
                }
            }
            case OBJECT -> {
                if (node.isObject()) {
                    object(prop.object(), node, path, out);
                } else {
                    out.add(path + ": must be an object, found " + typeOf(node));
                }
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    out.add(path + ": must be an array, found " + typeOf(node));
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    value(prop.object() != null ? new Prop(Type.OBJECT, prop.object(), null, Set.of()) : STRING,
                            node.get(i), path + "[" + i + "]", out);
                }
            }
        }
    }

    private static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Prop oneOf(String... values) {
        return new Prop(Type.STRING, null, null, Set.of(values));
    }

    private static Prop arrayOf(Shape items) {
        return new Prop(Type.ARRAY, items, Type.OBJECT, Set.of());
    }

    private static Shape shape(String name, List<String> required, Object... props) {
        Map<String, Prop> map = new LinkedHashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            map.put((String) props[i], (Prop) props[i + 1]);
        }
        return new Shape(name, map, required);
    }
}

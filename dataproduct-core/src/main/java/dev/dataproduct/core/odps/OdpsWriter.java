package dev.dataproduct.core.odps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.descriptor.AccessOption;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a product descriptor as an ODPS v1.0.0 tree that the official schema accepts. ODPS ports
 * have no room for extensions, so what the SDK knows of a port beyond name, version and contract
 * (its address, kind, format and location) goes to the document's {@code customProperties}, with
 * the alignment, kind, tiers, the links whose title is no ODPS definition type, and the access a
 * consumer can request (roles by name, with the datasets each reads).
 */
final class OdpsWriter {
    static final String ALIGNMENT = "alignment";
    static final String KIND = "kind";
    static final String PATTERN = "pattern";
    static final String QUALITY_TIER = "qualityTier";
    static final String SUPPORT_TIER = "supportTier";
    static final String LINKS = "links";
    static final String INPUT_PORT_DETAILS = "inputPortDetails";
    static final String OUTPUT_PORT_DETAILS = "outputPortDetails";
    static final String OUTPUT_CONTRACT = "outputContract";
    static final String OWNER_ROLE = "owner";
    static final String ACCESS = "access";
    /** The values ODPS v1.0.0 allows for {@code authoritativeDefinitions[].type}. */
    static final Set<String> DEFINITION_TYPES = Set.of("businessDefinition", "transformationImplementation",
            "videoTutorial", "tutorial", "implementation");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdpsWriter() {
    }

    static ObjectNode tree(ProductDescriptor d, DataContract contract) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", OdpsCodec.API_VERSION);
        root.put("kind", "DataProduct");
        root.put("id", d.address());
        root.put("name", d.name());
        root.put("version", d.version());
        root.put("status", d.status().name().toLowerCase(Locale.ROOT));
        root.put("domain", d.domain());
        ObjectNode description = root.putObject("description");
        description.put("purpose", d.purpose());
        if (!d.description().isEmpty()) {
            description.put("usage", d.description());
        }
        if (!d.tags().isEmpty()) {
            ArrayNode tags = root.putArray("tags");
            d.tags().forEach(tags::add);
        }
        List<Link> definitions = d.links().stream().filter(l -> DEFINITION_TYPES.contains(l.title())).toList();
        if (!definitions.isEmpty()) {
            ArrayNode defs = root.putArray("authoritativeDefinitions");
            definitions.forEach(l -> defs.addObject().put("type", l.title()).put("url", l.href().toString()));
        }
        ArrayNode custom = root.putArray("customProperties");
        property(custom, ALIGNMENT).put("value", lower(d.alignment()));
        property(custom, KIND).put("value", d.kind());
        if (!d.pattern().isEmpty()) {
            property(custom, PATTERN).put("value", d.pattern());
        }
        property(custom, QUALITY_TIER).put("value", lower(d.qualityTier()));
        property(custom, SUPPORT_TIER).put("value", d.supportTier());
        List<Link> others = d.links().stream().filter(l -> !DEFINITION_TYPES.contains(l.title())).toList();
        if (!others.isEmpty()) {
            ArrayNode links = property(custom, LINKS).putArray("value");
            others.forEach(l -> links.addObject().put("title", l.title()).put("url", l.href().toString()));
        }
        // named even when no output port serves the datasets yet, so that the contract is always found
        property(custom, OUTPUT_CONTRACT).putObject("value").put("id", contract.id()).put("version", contract.version());
        portDetails(property(custom, INPUT_PORT_DETAILS).putArray("value"), d.inputPorts());
        portDetails(property(custom, OUTPUT_PORT_DETAILS).putArray("value"), d.outputPorts());
        if (!d.access().isEmpty()) {
            // roles by name only: what a consumer can request, never what a grant filters or masks
            ArrayNode access = property(custom, ACCESS).putArray("value");
            for (AccessOption o : d.access()) {
                ArrayNode datasets = access.addObject().put("role", o.role()).put("access", o.access())
                        .putArray("datasets");
                o.datasets().forEach(datasets::add);
            }
        }
        ArrayNode inputs = root.putArray("inputPorts");
        for (PortEntry p : d.inputPorts()) {
            // ODPS requires a contract on every input port; one that reads no contract names itself
            inputs.addObject().put("name", p.name())
                    .put("version", p.version().isEmpty() ? d.version() : p.version())
                    .put("contractId", p.contractId().isEmpty() ? p.address() : p.contractId());
        }
        ArrayNode outputs = root.putArray("outputPorts");
        for (PortEntry p : d.outputPorts()) {
            ObjectNode out = outputs.addObject().put("name", p.name())
                    .put("version", p.version().isEmpty() ? d.version() : p.version());
            if (!p.contractId().isEmpty()) {
                out.put("contractId", p.contractId());
            }
            out.put("type", p.kind()).put("description", p.format() + (p.location().isEmpty() ? "" : " at " + p.location()));
        }
        if (!d.managementPorts().isEmpty()) {
            ArrayNode management = root.putArray("managementPorts");
            for (ManagementPort m : d.managementPorts()) {
                ObjectNode port = management.addObject().put("name", m.name()).put("content", m.content());
                putIfPresent(port, "type", m.type());
                putIfPresent(port, "url", m.url());
                putIfPresent(port, "description", m.description());
            }
        }
        root.putArray("team").addObject().put("username", d.owner().email()).put("name", d.owner().name())
                .put("role", OWNER_ROLE);
        return root;
    }

    private static ObjectNode property(ArrayNode custom, String name) {
        return custom.addObject().put("property", name);
    }

    private static void portDetails(ArrayNode details, List<PortEntry> ports) {
        for (PortEntry p : ports) {
            details.addObject().put("name", p.name()).put("address", p.address()).put("kind", p.kind())
                    .put("format", p.format()).put("location", p.location());
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

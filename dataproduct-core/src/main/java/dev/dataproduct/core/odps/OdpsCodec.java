package dev.dataproduct.core.odps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.schema.DatasetSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a product's descriptor in the shape of the Open Data Product Standard (ODPS) v1.0 and
 * reads it back. ODPS carries no schemas: each output port points to the product's output contract
 * by {@code contractId} and {@code version}, and reading takes that contract to restore the
 * datasets.
 *
 * <p>The mapping: {@code id} is the product's address; {@code description.purpose} its purpose
 * and {@code description.usage} its description; links are {@code authoritativeDefinitions}
 * (type = title); the owner is the team member with role {@code owner}. What ODPS v1.0 has no field
 * for (alignment, kind, pattern, quality and support tiers, and each port's address, kind, format
 * and location) is written as {@code customProperties}. Input ports are written with the product's
 * version and, as {@code contractId}, the input's address; management ports as they are.
 *
 * <pre>{@code
 * String yaml = OdpsCodec.toYaml(product);
 * ProductDescriptor back = OdpsCodec.fromYaml(yaml, id -> product.contract());
 * }</pre>
 */
public final class OdpsCodec {
    /** The ODPS version written. */
    public static final String API_VERSION = "v1.0.0";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdpsCodec() {
    }

    /**
     * @param product a product
     * @return its ODPS document as YAML
     */
    public static String toYaml(DataProduct product) {
        return write(YAML, tree(product.describe(), product.contract()));
    }

    /**
     * @param product a product
     * @return its ODPS document as JSON
     */
    public static String toJson(DataProduct product) {
        return write(JSON, tree(product.describe(), product.contract()));
    }

    /**
     * @param yaml an ODPS document written by {@link #toYaml}
     * @param contracts finds an output contract by its id
     * @return the product descriptor, with datasets from the contract
     * @throws InvalidDefinitionException listing what is missing or wrong, with paths
     */
    public static ProductDescriptor fromYaml(String yaml, Function<String, DataContract> contracts) {
        return read(YAML, yaml, "YAML", contracts);
    }

    /**
     * @param json an ODPS document written by {@link #toJson}
     * @param contracts finds an output contract by its id
     * @return the product descriptor, with datasets from the contract
     * @throws InvalidDefinitionException listing what is missing or wrong, with paths
     */
    public static ProductDescriptor fromJson(String json, Function<String, DataContract> contracts) {
        return read(JSON, json, "JSON", contracts);
    }

    static ObjectNode tree(ProductDescriptor d, DataContract contract) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", API_VERSION);
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
        if (!d.links().isEmpty()) {
            ArrayNode links = root.putArray("authoritativeDefinitions");
            for (Link l : d.links()) {
                links.addObject().put("type", l.title()).put("url", l.href().toString());
            }
        }
        ArrayNode custom = root.putArray("customProperties");
        custom.addObject().put("property", "alignment").put("value", lower(d.alignment()));
        custom.addObject().put("property", "kind").put("value", d.kind());
        if (!d.pattern().isEmpty()) {
            custom.addObject().put("property", "pattern").put("value", d.pattern());
        }
        custom.addObject().put("property", "qualityTier").put("value", lower(d.qualityTier()));
        custom.addObject().put("property", "supportTier").put("value", d.supportTier());
        ArrayNode inputs = root.putArray("inputPorts");
        for (PortEntry p : d.inputPorts()) {
            ObjectNode in = inputs.addObject().put("name", p.name()).put("version", d.version())
                    .put("contractId", p.address());
            portProperties(in, p);
        }
        ArrayNode outputs = root.putArray("outputPorts");
        for (PortEntry p : d.outputPorts()) {
            ObjectNode out = outputs.addObject().put("name", p.name()).put("version", contract.version())
                    .put("contractId", contract.id()).put("type", p.kind())
                    .put("description", p.format() + (p.location().isEmpty() ? "" : " at " + p.location()));
            portProperties(out, p);
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
        ObjectNode team = root.putObject("team");
        team.put("name", d.domain());
        team.putArray("members").addObject().put("username", d.owner().email()).put("name", d.owner().name())
                .put("role", "owner");
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void portProperties(ObjectNode port, PortEntry p) {
        ArrayNode custom = port.putArray("customProperties");
        custom.addObject().put("property", "address").put("value", p.address());
        custom.addObject().put("property", "kind").put("value", p.kind());
        custom.addObject().put("property", "format").put("value", p.format());
        custom.addObject().put("property", "location").put("value", p.location());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String write(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an ODPS document", e);
        }
    }

    private static ProductDescriptor read(ObjectMapper mapper, String text, String format,
                                          Function<String, DataContract> contracts) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new InvalidDefinitionException("an ODPS document in " + format, List.of(e.getOriginalMessage() + where));
        }
        OdpsReader r = new OdpsReader(root);
        ProductDescriptor d = r.descriptor(contracts);
        if (!r.problems().isEmpty()) {
            throw new InvalidDefinitionException("an ODPS document in " + format, r.problems());
        }
        return d;
    }

    /** Reads the tree, collecting every problem with its path. */
    private static final class OdpsReader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        OdpsReader(JsonNode root) {
            this.root = root;
        }

        List<String> problems() {
            return problems;
        }

        ProductDescriptor descriptor(Function<String, DataContract> contracts) {
            if (root == null || !root.isObject()) {
                problems.add("the document is not an object");
                return null;
            }
            String apiVersion = text(root, "apiVersion", true);
            if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION) && !apiVersion.equals("v0.9.0")) {
                problems.add("apiVersion: '" + apiVersion + "' is not one of v1.0.0, v0.9.0");
            }
            if (!"DataProduct".equals(text(root, "kind", true))) {
                problems.add("kind: must be DataProduct");
            }
            String id = text(root, "id", true);
            String name = text(root, "name", true);
            String domain = text(root, "domain", true);
            String version = text(root, "version", true);
            ProductStatus status = enumOf(ProductStatus.class, "status", text(root, "status", true));
            JsonNode description = root.path("description");
            String purpose = text(description, "description.purpose", true);
            String usage = text(description, "description.usage", false);
            List<String> tags = new ArrayList<>();
            root.path("tags").forEach(t -> tags.add(t.asText()));
            List<Link> links = new ArrayList<>();
            JsonNode defs = root.path("authoritativeDefinitions");
            for (int i = 0; i < defs.size(); i++) {
                try {
                    links.add(new Link(defs.get(i).path("type").asText(), URI.create(defs.get(i).path("url").asText())));
                } catch (IllegalArgumentException e) {
                    problems.add("authoritativeDefinitions[" + i + "].url: " + e.getMessage());
                }
            }
            JsonNode custom = root.path("customProperties");
            Alignment alignment = enumOf(Alignment.class, "customProperties.alignment", custom(custom, "alignment"));
            QualityTier tier = enumOf(QualityTier.class, "customProperties.qualityTier", custom(custom, "qualityTier"));
            String kind = custom(custom, "kind");
            String pattern = custom(custom, "pattern");
            int supportTier = 4;
            try {
                supportTier = Integer.parseInt(custom(custom, "supportTier"));
            } catch (NumberFormatException e) {
                problems.add("customProperties.supportTier: must be 1 to 4");
            }
            Owner owner = owner();
            List<PortEntry> inputs = ports("inputPorts");
            List<PortEntry> outputs = ports("outputPorts");
            List<ManagementPort> management = managementPorts();
            List<DatasetDescriptor> datasets = datasets(contracts, id);
            if (!problems.isEmpty()) {
                return null;
            }
            return new ProductDescriptor(id, name, domain, version, owner, purpose, usage, alignment, kind, pattern,
                    tier, supportTier, status, tags, links, datasets, inputs, outputs, management);
        }

        private List<DatasetDescriptor> datasets(Function<String, DataContract> contracts, String id) {
            List<DatasetDescriptor> out = new ArrayList<>();
            JsonNode ports = root.path("outputPorts");
            String contractId = ports.size() > 0 ? ports.get(0).path("contractId").asText() : "";
            if (contractId.isEmpty()) {
                return out;
            }
            DataContract contract = contracts.apply(contractId);
            if (contract == null) {
                problems.add("outputPorts[0].contractId: no contract '" + contractId + "' was found");
                return out;
            }
            ProductAddress address;
            try {
                address = ProductAddress.parse(id);
            } catch (IllegalArgumentException e) {
                problems.add("id: " + e.getMessage());
                return out;
            }
            for (DatasetSpec d : ContractSchemas.toDatasets(contract, problems)) {
                out.add(new DatasetDescriptor(d.name(), address.dataset(d.name()), d.description(), d.schema().fields()));
            }
            return out;
        }

        private Owner owner() {
            JsonNode members = root.path("team").path("members");
            for (JsonNode m : members) {
                if ("owner".equalsIgnoreCase(m.path("role").asText())) {
                    try {
                        return Owner.person(m.path("name").asText(), m.path("username").asText());
                    } catch (IllegalArgumentException e) {
                        problems.add("team.members: the owner " + e.getMessage());
                        return null;
                    }
                }
            }
            problems.add("team.members: no member with role owner");
            return null;
        }

        private List<ManagementPort> managementPorts() {
            List<ManagementPort> out = new ArrayList<>();
            JsonNode ports = root.path("managementPorts");
            for (int i = 0; i < ports.size(); i++) {
                JsonNode p = ports.get(i);
                String name = text(p, "name", false);
                String content = text(p, "content", false);
                if (name.isEmpty() || content.isEmpty()) {
                    problems.add("managementPorts[" + i + "]: name and content are required");
                    continue;
                }
                out.add(new ManagementPort(name, content, text(p, "type", false), text(p, "url", false),
                        text(p, "description", false)));
            }
            return out;
        }

        private List<PortEntry> ports(String key) {
            List<PortEntry> out = new ArrayList<>();
            JsonNode ports = root.path(key);
            for (int i = 0; i < ports.size(); i++) {
                JsonNode p = ports.get(i);
                String name = text(p, "name", false);
                if (name.isEmpty()) {
                    problems.add(key + "[" + i + "].name: missing");
                    continue;
                }
                JsonNode custom = p.path("customProperties");
                out.add(new PortEntry(name, custom(custom, "address"), custom(custom, "kind"),
                        custom(custom, "format"), custom(custom, "location")));
            }
            return out;
        }

        /** The text at the last segment of {@code path} in {@code node}; the whole path names a problem. */
        private String text(JsonNode node, String path, boolean required) {
            JsonNode v = node.path(path.substring(path.lastIndexOf('.') + 1));
            if (v.isMissingNode() || v.isNull()) {
                if (required) {
                    problems.add(path + ": missing");
                }
                return "";
            }
            return v.asText();
        }

        private static String custom(JsonNode custom, String property) {
            for (JsonNode c : custom) {
                if (property.equals(c.path("property").asText())) {
                    return c.path("value").asText();
                }
            }
            return "";
        }

        private <E extends Enum<E>> E enumOf(Class<E> type, String path, String value) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                allowed.add(lower(e));
            }
            problems.add(path + ": '" + value + "' is not one of " + allowed);
            return null;
        }
    }
}

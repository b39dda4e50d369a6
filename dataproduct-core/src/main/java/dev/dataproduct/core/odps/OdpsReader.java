package dev.dataproduct.core.odps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.descriptor.AccessOption;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.schema.DatasetSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the typed view of a schema-valid ODPS document, taking the documented default and noting
 * it wherever SDK metadata is missing. Never fails: the schema check has already run.
 */
final class OdpsReader {
    /** The domain of a product whose document names none. */
    static final String UNASSIGNED_DOMAIN = "unassigned";
    /** The owner of a product whose document names no usable owner: an address that cannot exist. */
    static final Owner UNKNOWN_OWNER = Owner.person("unknown owner", "owner@unknown.invalid");

    private static final Pattern MAJOR = Pattern.compile("v?(\\d{1,9}).*");
    private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    private final ObjectNode root;
    private final Function<String, DataContract> contracts;
    private final List<OdpsNote> notes = new ArrayList<>();

    private OdpsReader(ObjectNode root, Function<String, DataContract> contracts) {
        this.root = root;
        this.contracts = contracts;
    }

    static OdpsDocument read(ObjectNode root, Function<String, DataContract> contracts) {
        return new OdpsReader(root, contracts).document();
    }

    private OdpsDocument document() {
        String id = root.path("id").asText();
        String version = text(root, "version");
        if (version.isEmpty()) {
            version = "0.0.0";
            note("$.version", "no version; taken as 0.0.0 (major version 0 in the address): add the product's "
                    + "semantic version");
        }
        ProductAddress address = address(id, version);
        String name = text(root, "name");
        if (name.isEmpty()) {
            name = address.name();
            note("$.name", "no name; taken as '" + name + "' from the id: add the product's name");
        }
        String domain = text(root, "domain");
        if (domain.isEmpty()) {
            domain = address.domain();
        }
        JsonNode description = root.path("description");
        String purpose = text(description, "purpose");
        if (purpose.isEmpty()) {
            note("$.description.purpose", "no purpose; the SDK shows an empty one: add what the product is for");
        }
        List<JsonNode> custom = list(root.path("customProperties"));
        Alignment alignment = choice(custom, OdpsWriter.ALIGNMENT, Alignment.class, Alignment.SOURCE);
        QualityTier tier = choice(custom, OdpsWriter.QUALITY_TIER, QualityTier.class, QualityTier.BRONZE);
        int supportTier = supportTier(custom);
        String kind = custom(custom, OdpsWriter.KIND).asText();
        if (!kind.equals("derived")) {
            kind = "foundational";
        }
        String pattern = kind.equals("derived") ? custom(custom, OdpsWriter.PATTERN).asText() : "";
        ProductStatus status = status(root.path("status").asText());
        List<String> tags = new ArrayList<>();
        root.path("tags").forEach(t -> tags.add(t.asText()));
        List<PortEntry> inputs = ports("inputPorts", address, custom(custom, OdpsWriter.INPUT_PORT_DETAILS), true);
        List<PortEntry> outputs = ports("outputPorts", address, custom(custom, OdpsWriter.OUTPUT_PORT_DETAILS), false);
        ProductDescriptor descriptor = new ProductDescriptor(address.urn(), name, domain, version, owner(), purpose,
                text(description, "usage"), alignment, kind, pattern, tier, supportTier, status, tags,
                links(custom), datasets(address), inputs, outputs, managementPorts(), access(custom));
        return new OdpsDocument(id, root.path("apiVersion").asText(), descriptor, notes, root);
    }

    private List<AccessOption> access(List<JsonNode> custom) {
        List<AccessOption> out = new ArrayList<>();
        for (JsonNode o : list(custom(custom, OdpsWriter.ACCESS))) {
            List<String> datasets = new ArrayList<>();
            o.path("datasets").forEach(n -> datasets.add(n.asText()));
            out.add(new AccessOption(o.path("role").asText(), o.path("access").asText(), datasets));
        }
        return out;
    }

    private ProductAddress address(String id, String version) {
        try {
            return ProductAddress.parse(id);
        } catch (IllegalArgumentException notAnAddress) {
            String domain = slug(text(root, "domain"));
            if (domain.isEmpty()) {
                domain = UNASSIGNED_DOMAIN;
                note("$.domain", "no domain; the product is addressed under domain '" + UNASSIGNED_DOMAIN
                        + "': add the business domain");
            }
            String name = slug(text(root, "name"));
            if (name.isEmpty()) {
                name = slug(id);
            }
            Matcher m = MAJOR.matcher(version);
            int major = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            ProductAddress derived = new ProductAddress(domain, name.isEmpty() ? "product" : name, major);
            note("$.id", "'" + id + "' is not an SDK address; the SDK addresses the product as " + derived.urn()
                    + " (from its domain, name and major version) and keeps the id for look-ups");
            return derived;
        }
    }

    /** Lower-case letters, digits and {@code -}, starting with a letter, as a product address needs. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() || Character.isLetter(s.charAt(0)) ? s : "p-" + s;
    }

    private <E extends Enum<E>> E choice(List<JsonNode> custom, String property, Class<E> type, E fallback) {
        JsonNode v = custom(custom, property);
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.asText())) {
                return e;
            }
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        String found = v.isMissingNode() ? "no " + property + ";" : "'" + v.asText() + "' is not one of " + allowed + ";";
        note("$.customProperties[" + property + "]", found + " taken as " + fallback.name().toLowerCase(Locale.ROOT)
                + ": add {property: " + property + ", value: one of " + allowed + "}");
        return fallback;
    }

    private int supportTier(List<JsonNode> custom) {
        JsonNode v = custom(custom, OdpsWriter.SUPPORT_TIER);
        int tier = v.isIntegralNumber() ? v.asInt() : v.isTextual() && v.asText().matches("[1-4]") ? v.asInt() : 0;
        if (tier >= 1 && tier <= 4) {
            return tier;
        }
        note("$.customProperties[" + OdpsWriter.SUPPORT_TIER + "]", (v.isMissingNode() ? "no supportTier;"
                : "'" + v.asText() + "' is not 1 to 4;") + " taken as 4 (best effort): add {property: "
                + OdpsWriter.SUPPORT_TIER + ", value: 1 to 4}");
        return 4;
    }

    private ProductStatus status(String status) {
        for (ProductStatus s : ProductStatus.values()) {
            if (s.name().equalsIgnoreCase(status)) {
                return s;
            }
        }
        note("$.status", "'" + status + "' is not a status the SDK knows (draft, active, deprecated, retired); "
                + "taken as draft");
        return ProductStatus.DRAFT;
    }

    private Owner owner() {
        JsonNode team = root.path("team");
        for (int i = 0; i < team.size(); i++) {
            JsonNode m = team.get(i);
            if (OdpsWriter.OWNER_ROLE.equalsIgnoreCase(m.path("role").asText())) {
                String username = m.path("username").asText();
                String name = m.path("name").asText(username);
                try {
                    return Owner.person(name.isBlank() ? username : name, username);
                } catch (IllegalArgumentException e) {
                    note("$.team[" + i + "]", "the owner's username '" + username + "' is not an e-mail address; "
                            + "the owner is taken as unknown (" + UNKNOWN_OWNER + "): give the owner's e-mail as username");
                    return UNKNOWN_OWNER;
                }
            }
        }
        note("$.team", "no team member with role owner; the owner is taken as unknown (" + UNKNOWN_OWNER
                + "): add {username: <e-mail>, name: <name>, role: owner}");
        return UNKNOWN_OWNER;
    }

    private List<Link> links(List<JsonNode> custom) {
        List<Link> out = new ArrayList<>();
        JsonNode defs = root.path("authoritativeDefinitions");
        for (int i = 0; i < defs.size(); i++) {
            JsonNode d = defs.get(i);
            link(d.path("description").asText(d.path("type").asText()), d.path("url").asText(),
                    "$.authoritativeDefinitions[" + i + "].url", out);
        }
        JsonNode links = custom(custom, OdpsWriter.LINKS);
        for (int i = 0; i < links.size(); i++) {
            link(links.get(i).path("title").asText(), links.get(i).path("url").asText(),
                    "$.customProperties[" + OdpsWriter.LINKS + "][" + i + "].url", out);
        }
        return out;
    }

    private void link(String title, String url, String path, List<Link> out) {
        try {
            out.add(new Link(title, new URI(url)));
        } catch (URISyntaxException e) {
            note(path, "'" + url + "' is not a URI (" + e.getReason() + "); the link is left out of the SDK's view");
        }
    }

    private List<DatasetDescriptor> datasets(ProductAddress address) {
        // each contract once, with the path of the first place that names it
        Map<String, String> contractIds = new LinkedHashMap<>();
        JsonNode declared = custom(list(root.path("customProperties")), OdpsWriter.OUTPUT_CONTRACT).path("id");
        if (declared.isTextual()) {
            contractIds.put(declared.asText(), "$.customProperties[" + OdpsWriter.OUTPUT_CONTRACT + "].id");
        }
        JsonNode ports = root.path("outputPorts");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).path("contractId").isTextual()) {
                contractIds.putIfAbsent(ports.get(i).get("contractId").asText(), "$.outputPorts[" + i + "].contractId");
            }
        }
        List<DatasetDescriptor> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> named : contractIds.entrySet()) {
            String contractId = named.getKey();
            DataContract contract = contracts.apply(contractId);
            if (contract == null) {
                note(named.getValue(), "contract '" + contractId + "' is not known; the datasets it describes are "
                        + "left out: pass a contract lookup that finds it");
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (DatasetSpec d : ContractSchemas.toDatasets(contract, problems)) {
                if (names.add(d.name())) {
                    out.add(new DatasetDescriptor(d.name(), address.dataset(d.name()), d.description(),
                            d.schema().fields()));
                }
            }
            problems.forEach(p -> note(named.getValue(), "contract '" + contractId + "': " + p));
        }
        return out;
    }

    private List<PortEntry> ports(String key, ProductAddress address, JsonNode details, boolean input) {
        List<PortEntry> out = new ArrayList<>();
        for (JsonNode p : list(root.path(key))) {
            String name = p.path("name").asText();
            JsonNode detail = MISSING;
            for (JsonNode d : details) {
                if (name.equals(d.path("name").asText())) {
                    detail = d;
                    break;
                }
            }
            String portAddress = detail.path("address").asText(address.port(name));
            String kind = detail.path("kind").asText(p.path("type").asText());
            String contractId = p.path("contractId").asText();
            String version = p.path("version").asText();
            if (input && contractId.equals(portAddress)) {
                // the SDK's own stand-in for an input that reads no contract
                contractId = "";
                version = "";
            }
            out.add(new PortEntry(name, portAddress, kind, detail.path("format").asText(),
                    detail.path("location").asText(), contractId, version));
        }
        return out;
    }

    private List<ManagementPort> managementPorts() {
        List<ManagementPort> out = new ArrayList<>();
        JsonNode ports = root.path("managementPorts");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            if (p.path("name").asText().isBlank()) {
                note("$.managementPorts[" + i + "].name", "blank; the port is left out of the SDK's view: name it");
                continue;
            }
            out.add(new ManagementPort(p.path("name").asText(), p.path("content").asText(), text(p, "type"),
                    text(p, "url"), text(p, "description")));
        }
        return out;
    }

    private void note(String path, String message) {
        notes.add(new OdpsNote(path, message));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : "";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode custom(List<JsonNode> custom, String property) {
        for (JsonNode c : custom) {
            if (property.equals(c.path("property").asText())) {
                return c.path("value");
            }
        }
        return MISSING;
    }
}

package dev.dataproduct.core.odcs;

import static dev.dataproduct.core.odcs.Vocabulary.notOneOf;

import dev.dataproduct.api.contract.AuthoritativeDefinition;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.Price;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.contract.SupportChannel;
import dev.dataproduct.api.contract.Team;
import dev.dataproduct.api.contract.TeamMember;
import dev.dataproduct.core.yaml.Where;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the top level of an ODCS document and the blocks shared by every section (custom
 * properties, authoritative definitions), reporting every problem to the document's
 * {@link Problems}. Schema objects are read by {@link SchemaReader}, quality rules by
 * {@link QualityReader}.
 */
final class ContractReader {
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:[-+].*)?");
    private boolean v31 = true;
    private boolean newer;
    private String apiVersion = "";

    /** @return whether the document is read as v3.1 rather than v3.0.x */
    boolean v31() {
        return v31;
    }

    /**
     * Checks a value of one of the standard's closed sets. A document of a newer version may use
     * values that version added: each is a warning that names it, and is kept as written (in strict
     * mode a problem); in other documents an unknown value is a problem.
     *
     * @return whether the value is empty or one of the allowed
     */
    boolean known(Fields f, String key, String value, List<String> allowed) {
        if (value.isEmpty() || allowed.contains(value)) {
            return true;
        }
        if (newer) {
            newerForm(f, key, notOneOf(value, allowed));
        } else {
            f.problem(key, notOneOf(value, allowed));
        }
        return false;
    }

    /** Reports a form of a newer version than the one the document is read as, saying what it is. */
    private void newerForm(Fields f, String key, String what) {
        f.problems().beyondVersion(f.where(key), what + " in ODCS " + DataContract.CURRENT_API_VERSION
                + ", as which the SDK reads this " + apiVersion + " document");
    }

    /**
     * Checks a logical type that v3.1 added ({@code timestamp}, {@code time}) used in a v3.0.x
     * document, as datacontract-cli writes them: a warning (in strict mode a problem), read as v3.1
     * defines it.
     *
     * @return whether the type is one v3.1 defines
     */
    boolean v31LogicalType(Fields f, String logicalType) {
        if (v31 || !SchemaProperty.LOGICAL_TYPES.contains(logicalType)) {
            return false;
        }
        f.problems().beyondVersion(f.where("logicalType"), "'" + logicalType + "' is a logical type of ODCS "
                + DataContract.CURRENT_API_VERSION + ", not of " + apiVersion + "; it is read as "
                + DataContract.CURRENT_API_VERSION + " defines it (as datacontract-cli does): declare apiVersion "
                + DataContract.CURRENT_API_VERSION);
        return true;
    }

    /**
     * @param root the parsed document
     * @param problems where problems go
     * @return the contract, meaningful only if no problem was reported
     */
    static DataContract read(Object root, Problems problems) {
        if (!(root instanceof Map)) {
            problems.add(Where.ROOT, root == null ? "the document is empty; an ODCS contract is a mapping"
                    : "the document must be a mapping of ODCS fields, not " + Values.describe(root));
            return null;
        }
        return new ContractReader().contract(new Fields(Values.mapOf(root), Where.ROOT, problems));
    }

    private DataContract contract(Fields f) {
        String apiVersion = apiVersion(f);
        String kind = f.requiredText("kind");
        if (!kind.isEmpty() && !kind.equals(Vocabulary.KIND)) {
            f.problem("kind", notOneOf(kind, List.of(Vocabulary.KIND)));
        }
        SchemaReader schema = new SchemaReader(this);
        return new DataContract(apiVersion, kind, f.requiredText("id"), f.requiredText("version"),
                f.requiredText("status"), f.text("name"), f.text("domain"), f.text("dataProduct"), f.text("tenant"),
                f.texts("tags"), f.object("description").map(this::description).orElse(ContractDescription.EMPTY),
                schema.objects(f), f.list("servers", this::server), f.list("roles", this::role), team(f),
                f.list("support", this::support), f.object("price").map(this::price),
                f.list("slaProperties", this::sla), f.text("slaDefaultElement"), customProperties(f),
                authoritativeDefinitions(f), f.text("contractCreatedTs"), f.extensions());
    }

    private String apiVersion(Fields f) {
        apiVersion = f.requiredText("apiVersion");
        Matcher m = VERSION.matcher(apiVersion);
        int major = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int minor = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (apiVersion.isEmpty() || DataContract.API_VERSIONS.contains(apiVersion)) {
            v31 = !apiVersion.startsWith("v3.0.");
        } else if (major == 3 && minor >= 1 && apiVersion.startsWith("v")) {
            newer = true;
            f.problems().beyondVersion(f.where("apiVersion"), "'" + apiVersion + "' is newer than the ODCS versions "
                    + "the SDK reads (" + String.join(", ", DataContract.API_VERSIONS) + "); it is read as "
                    + DataContract.CURRENT_API_VERSION + ", and each key or value " + DataContract.CURRENT_API_VERSION
                    + " does not define is named in a warning of its own");
        } else if (major == 2) {
            f.problem("apiVersion", "'" + apiVersion + "' is ODCS v2, which the SDK does not read; migrate the "
                    + "contract to " + DataContract.CURRENT_API_VERSION + " (uuid became id, team replaced "
                    + "stakeholders, quality moved into the schema) and read it again");
        } else if (major > 3) {
            f.problem("apiVersion", "'" + apiVersion + "' is ODCS v" + major + ", a major version the SDK does not "
                    + "read; it reads v3.1.0 and v3.0.0 to v3.0.2 (and newer v3 versions, with warnings): write the "
                    + "contract as v3.1.0, or read it with an SDK that reads ODCS v" + major);
        } else {
            f.problem("apiVersion", notOneOf(apiVersion, DataContract.API_VERSIONS));
        }
        return apiVersion;
    }

    private ContractDescription description(Fields f) {
        return new ContractDescription(f.text("purpose"), f.text("limitations"), f.text("usage"),
                authoritativeDefinitions(f), customProperties(f), f.extensions());
    }

    private Server server(Fields f) {
        String id = f.text("id");
        String name = f.requiredText("server");
        String type = f.requiredText("type");
        known(f, "type", type, Vocabulary.serverTypes(v31));
        String description = f.text("description");
        String environment = f.text("environment");
        Map<String, Object> properties = new LinkedHashMap<>();
        f.know(Server.TYPE_FIELDS);
        for (String key : f.keys()) {
            if (Server.TYPE_FIELDS.contains(key)) {
                Object value = f.any(key);
                boolean integer = key.equals("port");
                if (integer ? value instanceof Long : value instanceof String) {
                    properties.put(key, value);
                } else if (integer && newer && value instanceof String) {
                    // v3.2 allows a port as text, such as a variable resolved at run time
                    newerForm(f, key, "a port is an integer, not text,");
                    properties.put(key, value);
                } else {
                    f.problem(key, Fields.expected(integer ? "an integer" : "text", value));
                }
            }
        }
        List<String> missing = Vocabulary.SERVER_FIELDS_REQUIRED.getOrDefault(type, List.of()).stream()
                .filter(k -> !f.written(k)).toList();
        if (!missing.isEmpty()) {
            f.problem("a " + type + " server needs " + String.join(", ", missing));
        }
        return new Server(id, name, type, description, environment, properties, f.list("roles", this::role),
                customProperties(f), f.extensions());
    }

    private Role role(Fields f) {
        return new Role(f.text("id"), f.requiredText("role"), f.text("description"), f.text("access"),
                f.text("firstLevelApprovers"), f.text("secondLevelApprovers"), customProperties(f), f.extensions());
    }

    private Optional<Team> team(Fields f) {
        Object team = f.any("team");
        if (team instanceof List) {
            // the v3.0 form, deprecated in v3.1: members only
            return Optional.of(new Team("", "", "", f.elements(f.where("team"), (List<?>) team, this::member),
                    List.of(), List.of(), List.of(), true, Map.of()));
        }
        if (team != null && !(team instanceof Map)) {
            f.problem("team", Fields.expected("a mapping or a list of members", team));
        }
        return f.object("team").map(t -> new Team(t.text("id"), t.text("name"), t.text("description"),
                t.list("members", this::member), t.texts("tags"), authoritativeDefinitions(t), customProperties(t),
                false, t.extensions()));
    }

    private TeamMember member(Fields f) {
        return new TeamMember(f.text("id"), v31 ? f.requiredText("username") : f.text("username"), f.text("name"),
                f.text("description"), f.text("role"), f.text("dateIn"), f.text("dateOut"),
                f.text("replacedByUsername"), f.texts("tags"), authoritativeDefinitions(f), customProperties(f),
                f.extensions());
    }

    private SupportChannel support(Fields f) {
        return new SupportChannel(f.text("id"), f.requiredText("channel"),
                v31 ? f.text("url") : f.requiredText("url"), f.text("description"), f.text("tool"), f.text("scope"),
                f.text("invitationUrl"), customProperties(f), f.extensions());
    }

    private Price price(Fields f) {
        return new Price(f.text("id"), f.decimal("priceAmount"), f.text("priceCurrency"), f.text("priceUnit"),
                f.extensions());
    }

    private SlaProperty sla(Fields f) {
        String id = f.text("id");
        String property = f.requiredText("property");
        if (!f.written("value")) {
            f.problem("value", "is required");
        }
        return new SlaProperty(id, property, scalar(f, "value"), scalar(f, "valueExt"), f.text("unit"),
                f.text("element"), f.text("driver"), f.text("description"), f.text("scheduler"),
                f.text("schedule"), f.extensions());
    }

    private static Optional<Object> scalar(Fields f, String key) {
        Object value = f.any(key);
        if (!Values.isScalar(value)) {
            f.problem(key, Fields.expected("text, a number or a boolean", value));
        }
        return Optional.ofNullable(value);
    }

    /** @return the {@code customProperties} of an element */
    List<CustomProperty> customProperties(Fields f) {
        return f.list("customProperties", c -> {
            if (!c.written("value")) {
                c.problem("value", "is required; write value: null for a property without one");
            }
            return new CustomProperty(c.text("id"), c.requiredText("property"), c.any("value"),
                    c.text("description"), c.extensions());
        });
    }

    /** @return the {@code authoritativeDefinitions} of an element */
    List<AuthoritativeDefinition> authoritativeDefinitions(Fields f) {
        return f.list("authoritativeDefinitions", a -> {
            String id = a.text("id");
            String url = a.requiredText("url");
            return new AuthoritativeDefinition(id, a.requiredText("type"), url, a.text("description"),
                    a.extensions());
        });
    }
}
